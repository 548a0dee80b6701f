package io.tidewater.api.cluster;

import static io.tidewater.api.testing.Examples.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAdmissionTest {
  private static final KindDescriptor<Cluster> KIND = ClusterKind.DESCRIPTOR;

  private static ObjectNode simulated() {
    return Examples.tree("cluster-simulated.yaml");
  }

  private static List<FieldError> validate(ObjectNode json) {
    return KIND.validateCreate(KIND.applyDefaults(KIND.decode(json)));
  }

  // ---- defaults

  @Test
  void defaultsFillSimulatedSettingsPricesByTierAndWatermark() {
    Cluster c = KIND.applyDefaults(KIND.decode(Examples.yaml("""
        metadata: {name: idc-1}
        spec:
          tier: idc
          simulated:
            nodePools:
            - {name: big, count: 10, cpu: "64", memory: 256Gi}
        """)));
    assertThat(c.apiVersion()).isEqualTo("cluster.tidewater.io/v1alpha1");
    assertThat(c.kind()).isEqualTo("Cluster");
    SimulatedCluster s = c.spec().simulated();
    assertThat(s.kubernetesVersion()).isEqualTo("v1.32.4");
    assertThat(s.nodePools().get(0).pods()).isEqualTo(110);
    assertThat(s.podLifecycle()).isEqualTo(new PodLifecycle("1s", "1s", "1s"));
    assertThat(c.spec().price()).isEqualTo(new ClusterPrice("0.02", "0.0027", "1.5"));
    assertThat(c.spec().watermark()).isEqualTo(100);
  }

  @Test
  void pricesDefaultPerFieldAndOnlyForKnownTiers() {
    Cluster cloud = KIND.applyDefaults(KIND.decode(Examples.yaml("""
        spec:
          tier: cloud
          secretRef: {namespace: ns, name: s}
          price: {cpuHour: "0.0225"}
        """)));
    assertThat(cloud.spec().price()).isEqualTo(new ClusterPrice("0.0225", "0.006", "8"));
    assertThat(cloud.spec().secretRef().key()).isEqualTo("kubeconfig");

    Cluster edge = KIND.applyDefaults(KIND.decode(Examples.yaml("""
        spec:
          tier: edge
          secretRef: {namespace: ns, name: s, key: config}
        """)));
    assertThat(edge.spec().price()).isNull();
    assertThat(edge.spec().secretRef().key()).isEqualTo("config");
  }

  // ---- validation

  @Test
  void exampleIsValid() {
    assertThat(validate(simulated())).isEmpty();
  }

  @Test
  void secretRefAndSimulatedTogetherAreForbidden() {
    ObjectNode c = simulated();
    ((ObjectNode) c.at("/spec")).putObject("secretRef").put("namespace", "ns").put("name", "kc");
    List<FieldError> errs = validate(c);
    assertThat(paths(errs)).containsExactly("FORBIDDEN spec.simulated");
    assertThat(errs.get(0).message()).isEqualTo("spec.simulated: Forbidden: may not be specified when `secretRef` is specified");
  }

  @Test
  void aConnectionIsRequired() {
    ObjectNode c = simulated();
    ((ObjectNode) c.at("/spec")).remove("simulated");
    assertThat(paths(validate(c))).containsExactly("REQUIRED spec");
  }

  @Test
  void tierIsARequiredDnsLabelButAnyNameWillDo() {
    ObjectNode c = simulated();
    ((ObjectNode) c.at("/spec")).remove("tier");
    assertThat(paths(validate(c))).containsExactly("REQUIRED spec.tier");
    ((ObjectNode) c.at("/spec")).put("tier", "IDC_1");
    assertThat(paths(validate(c))).containsExactly("INVALID spec.tier");
    ((ObjectNode) c.at("/spec")).put("tier", "edge-spot");
    assertThat(validate(c)).isEmpty();
  }

  @Test
  void nodePoolProblemsNameTheirPool() {
    ObjectNode c = simulated();
    ArrayNode pools = (ArrayNode) c.at("/spec/simulated/nodePools");
    ((ObjectNode) pools.get(1)).put("name", "big");
    ((ObjectNode) pools.get(1)).put("cpu", "0");
    ((ObjectNode) pools.get(1).get("gpu")).remove("type");
    ((ObjectNode) pools.get(0)).put("count", -1);
    ((ObjectNode) pools.get(0)).remove("memory");
    assertThat(paths(validate(c)))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.simulated.nodePools[0].memory",
            "INVALID spec.simulated.nodePools[0].count",
            "DUPLICATE spec.simulated.nodePools[1].name",
            "INVALID spec.simulated.nodePools[1].cpu",
            "REQUIRED spec.simulated.nodePools[1].gpu.type");
  }

  @Test
  void watermarkPricesDurationsAndTaints() {
    ObjectNode c = simulated();
    ((ObjectNode) c.at("/spec")).put("watermark", 0);
    ((ObjectNode) c.at("/spec/price")).put("cpuHour", "cheap");
    ((ObjectNode) c.at("/spec/simulated/podLifecycle")).put("startupDelay", "1 sec");
    ((ObjectNode) c.at("/spec/taints/0")).put("effect", "NoEntry");
    ((ObjectNode) c.at("/spec")).put("apiEndpoint", "ftp://x");
    List<FieldError> errs = validate(c);
    assertThat(paths(errs))
        .containsExactlyInAnyOrder(
            "INVALID spec.watermark",
            "INVALID spec.price.cpuHour",
            "INVALID spec.simulated.podLifecycle.startupDelay",
            "NOT_SUPPORTED spec.taints[0].effect",
            "INVALID spec.apiEndpoint");
    assertThat(errs).extracting(FieldError::message)
        .contains(
            "spec.watermark: Invalid value: 0: must be between 1 and 100, inclusive",
            "spec.simulated.podLifecycle.startupDelay: Invalid value: \"1 sec\": time: invalid duration \"1 sec\"",
            "spec.taints[0].effect: Unsupported value: \"NoEntry\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
  }

  @Test
  void nodePoolLabelsMustBeValidLabels() {
    ObjectNode c = simulated();
    ((ObjectNode) c.at("/spec/simulated/nodePools/0/labels")).put("bad key!", "v");
    assertThat(paths(validate(c))).containsExactly("INVALID spec.simulated.nodePools[0].labels");
  }

  @Test
  void theConnectionTypeIsImmutable() {
    Cluster old = KIND.applyDefaults(KIND.decode(simulated()));
    ObjectNode changed = simulated();
    ((ObjectNode) changed.at("/spec")).remove("simulated");
    ((ObjectNode) changed.at("/spec")).putObject("secretRef").put("namespace", "ns").put("name", "kc");
    List<FieldError> errs = KIND.validateUpdate(KIND.applyDefaults(KIND.decode(changed)), old);
    assertThat(paths(errs)).containsExactly("FORBIDDEN spec.secretRef");
    assertThat(errs.get(0).detail()).contains("created with `simulated`");
    // changing the tier or the pools is fine
    ObjectNode retiered = simulated();
    ((ObjectNode) retiered.at("/spec")).put("tier", "cloud");
    assertThat(KIND.validateUpdate(KIND.applyDefaults(KIND.decode(retiered)), old)).isEmpty();
  }

  @Test
  void statusIsValidatedOnStatusWrites() {
    ObjectNode c = simulated();
    ArrayNode conditions = (ArrayNode) c.at("/status/conditions");
    conditions.addObject().put("type", "Ready").put("status", "Maybe");
    ((ObjectNode) c.at("/status/nodeSummary")).put("readyNum", -1);
    Cluster cluster = KIND.decode(c);
    assertThat(paths(KIND.validateStatusUpdate(cluster, cluster)))
        .containsExactlyInAnyOrder(
            "DUPLICATE status.conditions[1].type", "NOT_SUPPORTED status.conditions[1].status", "INVALID status.nodeSummary.readyNum");
  }

  @Test
  void namesAreShortDnsLabels() {
    assertThat(KIND.validateName("idc-bj-1")).isEmpty();
    assertThat(KIND.validateName("idc.bj")).isNotEmpty();
    assertThat(KIND.validateName("a".repeat(49))).containsExactly("must be no more than 48 characters");
  }

  @Test
  void requiredStatusFieldsAreCheckedOnStatusWrites() {
    ObjectNode c = simulated();
    ((ObjectNode) c.at("/status/gpus/0")).remove("type");
    Cluster cluster = KIND.decode(c);
    assertThat(paths(KIND.validateStatusUpdate(cluster, cluster))).containsExactly("REQUIRED status.gpus[0].type");
  }
}
