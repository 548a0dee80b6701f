package io.tidewater.server.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects the federation scenarios apply: a 2-core Deployment and a Divided policy for Deployments. */
final class FederationManifests {
  private FederationManifests() {}

  /** {@code replicas} pods of 2 cores and 1Gi each: an acceptance-fleet idc member (5 × 8 cores) holds 20. */
  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("2")).addToRequests("memory", new Quantity("1Gi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** Policy "all" in {@code ns}: every Deployment, Divided and Aggregated (self-built first by default). */
  static GenericKubernetesResource dividedPolicy(String ns, Boolean propagateDeps) {
    GenericKubernetesResource policy = new GenericKubernetesResource();
    policy.setApiVersion("policy.tidewater.io/v1alpha1");
    policy.setKind("PropagationPolicy");
    policy.setMetadata(new ObjectMetaBuilder().withName("all").withNamespace(ns).build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment")));
    spec.put("placement", Map.of("replicaScheduling", Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Aggregated")));
    if (propagateDeps != null) {
      spec.put("propagateDeps", propagateDeps);
    }
    policy.setAdditionalProperties(Map.of("spec", spec));
    return policy;
  }
}
