package io.tidewater.api.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.apps.ShardedSetKind;
import io.tidewater.api.autoscaling.AutoscalingKinds;
import io.tidewater.api.cluster.ClusterKind;
import io.tidewater.api.policy.PolicyKinds;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.work.WorkKinds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Discovery facts, subresources, printer columns and JSON decoding of every kind. */
class KindDescriptorTest {

  /** Short names of built-in resources kubectl knows; ours must not shadow them. */
  private static final Set<String> BUILT_IN_SHORT_NAMES =
      Set.of("cm", "cs", "csr", "crd", "crds", "cj", "deploy", "ds", "ep", "ev", "hpa", "ing", "limits", "netpol", "no",
          "ns", "pc", "pdb", "po", "psp", "pv", "pvc", "quota", "rc", "rs", "sa", "sc", "sts", "svc");

  @Test
  void namesAndScopes() {
    List<String> rows = new ArrayList<>();
    for (KindDescriptor<?> d : TidewaterKinds.all()) {
      rows.add(d.plural() + "." + d.group() + " " + d.kind() + " " + (d.namespaced() ? "namespaced" : "cluster") + " " + d.shortNames());
    }
    assertThat(rows)
        .containsExactly(
            "clusters.cluster.tidewater.io Cluster cluster [mc]",
            "propagationpolicies.policy.tidewater.io PropagationPolicy namespaced [pp]",
            "clusterpropagationpolicies.policy.tidewater.io ClusterPropagationPolicy cluster [cpp]",
            "overridepolicies.policy.tidewater.io OverridePolicy namespaced [op]",
            "resourcebindings.work.tidewater.io ResourceBinding namespaced [rb]",
            "works.work.tidewater.io Work namespaced [wk]",
            "federatedhpas.autoscaling.tidewater.io FederatedHPA namespaced [fhpa]",
            "cronfederatedhpas.autoscaling.tidewater.io CronFederatedHPA namespaced [cronfhpa]",
            "shardedsets.apps.tidewater.io ShardedSet namespaced [ss]");
  }

  @Test
  void shortNamesAreUniqueAndShadowNoBuiltIn() {
    Set<String> seen = new HashSet<>();
    for (KindDescriptor<?> d : TidewaterKinds.all()) {
      for (String s : d.shortNames()) {
        assertThat(seen.add(s)).as("short name %s used twice", s).isTrue();
        assertThat(BUILT_IN_SHORT_NAMES).as("short name %s shadows a built-in", s).doesNotContain(s);
      }
      assertThat(d.categories()).contains("tidewater");
      assertThat(d.singular()).isEqualTo(d.kind().toLowerCase(java.util.Locale.ROOT));
      assertThat(d.specChangesBumpGeneration()).isTrue();
      assertThat(d.verbs()).contains("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    }
    assertThat(ShardedSetKind.DESCRIPTOR.categories()).containsExactly("tidewater", "all");
  }

  @Test
  void subresources() {
    List<String> withStatus = TidewaterKinds.all().stream().filter(KindDescriptor::hasStatusSubresource).map(KindDescriptor::kind).toList();
    assertThat(withStatus)
        .containsExactly("Cluster", "ResourceBinding", "Work", "FederatedHPA", "CronFederatedHPA", "ShardedSet");
    List<String> withScale = TidewaterKinds.all().stream().filter(d -> d.scaleSubresource().isPresent()).map(KindDescriptor::kind).toList();
    assertThat(withScale).containsExactly("ShardedSet");
    ScaleSubresource scale = ShardedSetKind.DESCRIPTOR.scaleSubresource().orElseThrow();
    assertThat(scale.specReplicasPath()).isEqualTo(".spec.replicasPerShard");
    assertThat(scale.statusReplicasPath()).isEqualTo(".status.replicasPerShard");
    assertThat(scale.labelSelectorPath()).isEqualTo(".status.selector");
  }

  @Test
  void lookups() {
    assertThat(TidewaterKinds.byResource("cluster.tidewater.io", "clusters")).contains(ClusterKind.DESCRIPTOR);
    assertThat(TidewaterKinds.byKind("policy.tidewater.io", "OverridePolicy")).contains(PolicyKinds.OVERRIDE_POLICY);
    assertThat(TidewaterKinds.byKind("apps", "ShardedSet")).isEmpty();
    assertThat(TidewaterKinds.groups())
        .containsExactly("cluster.tidewater.io", "policy.tidewater.io", "work.tidewater.io", "autoscaling.tidewater.io", "apps.tidewater.io");
  }

  @Test
  void everyKindHasAnAgeColumnAndWideColumnsArePriorityOne() {
    for (KindDescriptor<?> d : TidewaterKinds.all()) {
      assertThat(d.printerColumns()).anySatisfy(c -> {
        assertThat(c.name()).isEqualTo("Age");
        assertThat(c.type()).isEqualTo("date");
        assertThat(c.priority()).isZero();
      });
      for (PrinterColumn<?> c : d.printerColumns()) {
        assertThat(c.priority()).isBetween(0, 1);
        assertThat(c.type()).isIn("string", "integer", "number", "boolean", "date");
        assertThat(c.description()).isNotBlank();
      }
    }
  }

  private static <T extends TidewaterObject> List<String> defaultColumns(KindDescriptor<T> kind) {
    return kind.printerColumns().stream().filter(c -> c.priority() == 0).map(PrinterColumn::name).toList();
  }

  @Test
  void clusterTable() {
    KindDescriptor<io.tidewater.api.cluster.Cluster> k = ClusterKind.DESCRIPTOR;
    assertThat(defaultColumns(k)).containsExactly("Tier", "Ready", "Nodes", "CPU", "GPU", "Pods", "Age");
    assertThat(k.cellsJson(Examples.tree("cluster-simulated.yaml")))
        .containsExactly("idc", "True", "54/54", "1200.5/5056", "12/32", "3100/12940", "2025-03-01T08:00:00Z",
            "cn-north", "cn-north-a", "Simulated", "v1.32.4");
    // a kubeconfig member without status yet: empty cells, not errors
    assertThat(k.cellsJson(Examples.tree("cluster-kubeconfig.yaml")))
        .containsExactly("cloud", null, null, null, null, null, null, "us-east-1", "us-east-1a", "Kubeconfig", null);
  }

  @Test
  void otherTables() {
    assertThat(WorkKinds.RESOURCE_BINDING.cellsJson(Examples.tree("resourcebinding.yaml")))
        .containsExactly("False", "True", "idc-bj-1:20,idc-sh-1:20,aws-use1:12", null, "Deployment/web", 60, 8);
    assertThat(WorkKinds.WORK.cellsJson(Examples.tree("work.yaml")))
        .containsExactly("Deployment", "True", "True", null, "idc-bj-1", false);
    assertThat(AutoscalingKinds.FEDERATED_HPA.cellsJson(Examples.tree("federatedhpa.yaml")))
        .containsExactly("Deployment", "ranker", 1, 200, 64, null);
    assertThat(defaultColumns(AutoscalingKinds.CRON_FEDERATED_HPA)).containsExactly("Reference-Kind", "Reference-Name", "Age");
    assertThat(ShardedSetKind.DESCRIPTOR.cellsJson(Examples.tree("shardedset.yaml")))
        .containsExactly(8, 3, "23/24", null, 16, "searcher", "registry.example.com/search/searcher:v5");
    assertThat(PolicyKinds.PROPAGATION_POLICY.cellsJson(Examples.tree("propagationpolicy.yaml")))
        .containsExactly("Abort", 10, null, "Divided/Weighted", "idc,cloud");
    assertThat(PolicyKinds.OVERRIDE_POLICY.cellsJson(Examples.tree("overridepolicy.yaml"))).containsExactly(2, null);
  }

  @Test
  void anUnknownEnumValueIsUnsupportedWithItsPathAndTheChoices() {
    ObjectNode pp = Examples.tree("propagationpolicy.yaml");
    ((ObjectNode) pp.at("/spec/placement/replicaScheduling")).put("replicaSchedulingType", "Spread");
    List<FieldError> errs = PolicyKinds.PROPAGATION_POLICY.validateCreateJson(pp);
    assertThat(errs).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(FieldError.Type.NOT_SUPPORTED);
      assertThat(e.path()).isEqualTo("spec.placement.replicaScheduling.replicaSchedulingType");
      assertThat(e.message())
          .isEqualTo("spec.placement.replicaScheduling.replicaSchedulingType: Unsupported value: \"Spread\": supported values: \"Duplicated\", \"Divided\"");
    });
  }

  @Test
  void aWrongTypeIsInvalidWithItsPath() {
    ObjectNode c = Examples.tree("cluster-kubeconfig.yaml");
    ((ObjectNode) c.at("/spec")).put("watermark", "high");
    assertThat(ClusterKind.DESCRIPTOR.validateCreateJson(c)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(FieldError.Type.INVALID);
      assertThat(e.path()).isEqualTo("spec.watermark");
      assertThat(e.detail()).isEqualTo("must be of type integer");
    });
    ObjectNode ss = Examples.tree("shardedset.yaml");
    ((ObjectNode) ss.at("/status/shards/1")).put("replicas", "three");
    assertThat(Examples.paths(ShardedSetKind.DESCRIPTOR.validateCreateJson(ss))).containsExactly("INVALID status.shards[1].replicas");
  }

  @Test
  void unknownFieldsAreDroppedOrReportedWhenStrict() {
    ObjectNode c = Examples.tree("cluster-kubeconfig.yaml");
    ((ObjectNode) c.at("/spec")).put("colour", "blue");
    assertThat(ClusterKind.DESCRIPTOR.applyDefaultsJson(c).at("/spec").has("colour")).isFalse();
    assertThatThrownBy(() -> ClusterKind.DESCRIPTOR.decodeStrict(c))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.unknownFields()).containsExactly("spec.colour"));
  }

  @Test
  void jsonDefaultingFillsDefaults() {
    ObjectNode c = Examples.yaml("""
        apiVersion: cluster.tidewater.io/v1alpha1
        kind: Cluster
        metadata: {name: edge-1}
        spec:
          tier: cloud
          secretRef: {namespace: tidewater-system, name: edge-1}
        """);
    ObjectNode out = ClusterKind.DESCRIPTOR.applyDefaultsJson(c);
    assertThat(out.at("/spec/secretRef/key").asText()).isEqualTo("kubeconfig");
    assertThat(out.at("/spec/price/cpuHour").asText()).isEqualTo("0.045");
    assertThat(out.at("/spec/watermark").asInt()).isEqualTo(100);
  }
}
