package io.tidewater.controllers.detector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import org.junit.jupiter.api.Test;

class WorkloadInspectorTest {
  private static final ObjectNode DEPLOYMENT = Json.parseObject("""
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"replicas":3,"template":{"spec":{
        "serviceAccountName":"web-sa","imagePullSecrets":[{"name":"pull"}],
        "nodeSelector":{"disk":"ssd"},
        "containers":[{"name":"a","image":"x","resources":{"requests":{"cpu":"250m","memory":"256Mi"}},
                       "env":[{"name":"E","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"k"}}}],"envFrom":[{"secretRef":{"name":"creds"}}]},
                      {"name":"b","image":"y","resources":{"limits":{"cpu":"1","nvidia.com/gpu":"1"}}}],
        "initContainers":[{"name":"i","image":"z","resources":{"requests":{"cpu":"2"}}}],
        "volumes":[{"name":"v","configMap":{"name":"files"}}]}}}}""".getBytes());

  @Test
  void effectiveRequestIsTheContainerSumOrTheLargestInitContainer() {
    var req = WorkloadInspector.effectiveRequests(WorkloadInspector.podSpec(DEPLOYMENT));
    assertThat(req.get("cpu").toString()).isEqualTo("2"); // init 2 > 250m + 1
    assertThat(req.get("memory").toString()).isEqualTo("256Mi");
    assertThat(req.get("nvidia.com/gpu").toString()).isEqualTo("1"); // limit implies request
  }

  @Test
  void findsReferencedConfigMapsSecretsAndServiceAccount() {
    assertThat(WorkloadInspector.dependencies(WorkloadInspector.podSpec(DEPLOYMENT))).containsExactlyInAnyOrder(
        new WorkloadInspector.Dependency("ConfigMap", "files"), new WorkloadInspector.Dependency("ConfigMap", "cfg"),
        new WorkloadInspector.Dependency("Secret", "creds"), new WorkloadInspector.Dependency("Secret", "pull"),
        new WorkloadInspector.Dependency("ServiceAccount", "web-sa"));
  }

  @Test
  void replicaRequirementsCarryNodeConstraints() {
    ObjectNode rr = WorkloadInspector.replicaRequirements(DEPLOYMENT);
    assertThat(rr.at("/nodeClaim/nodeSelector/disk").asText()).isEqualTo("ssd");
    assertThat(rr.at("/resourceRequest/cpu").asText()).isEqualTo("2");
  }
}
