package io.tidewater.api.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.OpenApiGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI v3 definitions: names, GVKs, refs to built-ins, required fields, enums, list keys. */
class SchemaTest {
  private static final String REF = "#/components/schemas/";
  private static final String META = REF + "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final String CORE = REF + "io.k8s.api.core.v1.";
  private static final String QUANTITY = REF + "io.k8s.apimachinery.pkg.api.resource.Quantity";
  private final Map<String, ObjectNode> defs = TidewaterSchemas.definitions();

  private JsonNode def(String name) {
    assertThat(defs).containsKey(name);
    return defs.get(name);
  }

  private static String ref(JsonNode schema) {
    return schema.at("/allOf/0/$ref").asText();
  }

  private static void assertListMap(JsonNode schema, String... keys) {
    assertThat(schema.path("type").asText()).isEqualTo("array");
    assertThat(schema.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    List<String> actual = new ArrayList<>();
    schema.path("x-kubernetes-list-map-keys").forEach(k -> actual.add(k.asText()));
    assertThat(actual).containsExactly(keys);
    if (keys.length == 1) {
      assertThat(schema.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
      assertThat(schema.path("x-kubernetes-patch-merge-key").asText()).isEqualTo(keys[0]);
    }
  }

  @Test
  void everyKindAndItsListHasADefinitionWithItsGroupVersionKind() {
    assertThat(defs).hasSize(2 * TidewaterKinds.all().size());
    for (KindDescriptor<?> d : TidewaterKinds.all()) {
      JsonNode gvk = def(d.definitionName()).path("x-kubernetes-group-version-kind").get(0);
      assertThat(gvk.path("group").asText()).isEqualTo(d.group());
      assertThat(gvk.path("version").asText()).isEqualTo("v1alpha1");
      assertThat(gvk.path("kind").asText()).isEqualTo(d.kind());
      JsonNode list = def(d.listDefinitionName());
      assertThat(list.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo(d.kind() + "List");
      assertThat(list.at("/properties/items/items/allOf/0/$ref").asText()).isEqualTo(REF + d.definitionName());
      assertThat(ref(list.at("/properties/metadata"))).isEqualTo(META + "ListMeta");
      assertThat(ref(def(d.definitionName()).at("/properties/metadata"))).isEqualTo(META + "ObjectMeta");
      assertThat(def(d.definitionName()).path("required").toString()).isEqualTo("[\"spec\"]");
      assertThat(def(d.definitionName()).path("description").asText()).isNotBlank();
    }
  }

  @Test
  void definitionNamesUseTheFirstLabelOfTheGroup() {
    assertThat(defs.keySet())
        .contains(
            "io.tidewater.cluster.v1alpha1.Cluster",
            "io.tidewater.policy.v1alpha1.PropagationPolicy",
            "io.tidewater.policy.v1alpha1.ClusterPropagationPolicy",
            "io.tidewater.policy.v1alpha1.OverridePolicy",
            "io.tidewater.work.v1alpha1.ResourceBinding",
            "io.tidewater.work.v1alpha1.Work",
            "io.tidewater.autoscaling.v1alpha1.FederatedHPA",
            "io.tidewater.autoscaling.v1alpha1.CronFederatedHPA",
            "io.tidewater.apps.v1alpha1.ShardedSet");
    assertThat(TidewaterSchemas.definitions("policy.tidewater.io", "v1alpha1")).hasSize(6);
  }

  @Test
  void clusterSchema() {
    JsonNode spec = def("io.tidewater.cluster.v1alpha1.Cluster").at("/properties/spec");
    assertThat(spec.path("required").toString()).isEqualTo("[\"tier\"]");
    assertThat(spec.at("/properties/tier/description").asText()).contains("idc").contains("cloud");
    assertThat(ref(spec.at("/properties/taints/items"))).isEqualTo(CORE + "Taint");
    JsonNode pools = spec.at("/properties/simulated/properties/nodePools");
    assertListMap(pools, "name");
    assertThat(ref(pools.at("/items/properties/cpu"))).isEqualTo(QUANTITY);
    assertThat(pools.at("/items/required").toString()).isEqualTo("[\"name\",\"count\",\"cpu\",\"memory\"]");
    assertThat(spec.at("/properties/watermark/type").asText()).isEqualTo("integer");
    assertThat(spec.at("/properties/watermark/format").asText()).isEqualTo("int32");

    JsonNode status = def("io.tidewater.cluster.v1alpha1.Cluster").at("/properties/status");
    assertListMap(status.at("/properties/conditions"), "type");
    assertThat(ref(status.at("/properties/conditions/items"))).isEqualTo(META + "Condition");
    assertThat(ref(status.at("/properties/lastHeartbeatTime"))).isEqualTo(META + "Time");
    assertThat(ref(status.at("/properties/resourceSummary/properties/allocatable/additionalProperties"))).isEqualTo(QUANTITY);
    assertListMap(status.at("/properties/gpus"), "type");
    assertListMap(status.at("/properties/nodePools"), "name");
  }

  @Test
  void propagationPolicySchema() {
    JsonNode spec = def("io.tidewater.policy.v1alpha1.PropagationPolicy").at("/properties/spec");
    assertThat(spec.path("required").toString()).isEqualTo("[\"resourceSelectors\"]");
    assertThat(def("io.tidewater.policy.v1alpha1.PropagationPolicy").at("/properties/status").isMissingNode()).isTrue();
    assertThat(ref(spec.at("/properties/resourceSelectors/items/properties/labelSelector"))).isEqualTo(META + "LabelSelector");
    JsonNode placement = spec.at("/properties/placement/properties");
    assertThat(placement.at("/replicaScheduling/properties/replicaSchedulingType/enum").toString()).isEqualTo("[\"Duplicated\",\"Divided\"]");
    assertThat(placement.at("/replicaScheduling/properties/replicaDivisionPreference/enum").toString()).isEqualTo("[\"Aggregated\",\"Weighted\"]");
    assertThat(placement.at("/replicaScheduling/properties/weightPreference/properties/dynamicWeight/enum").toString())
        .isEqualTo("[\"AvailableReplicas\"]");
    assertThat(placement.at("/spreadConstraints/items/properties/spreadByField/enum").toString())
        .isEqualTo("[\"cluster\",\"region\",\"zone\",\"provider\",\"tier\"]");
    assertListMap(placement.at("/tiers"), "name");
    assertThat(placement.at("/clusterAffinity/properties/clusterNames/x-kubernetes-list-type").asText()).isEqualTo("set");
    assertThat(ref(placement.at("/clusterAffinity/properties/fieldSelector/properties/matchExpressions/items")))
        .isEqualTo(CORE + "NodeSelectorRequirement");
    assertThat(ref(placement.at("/clusterTolerations/items"))).isEqualTo(CORE + "Toleration");
    assertThat(spec.at("/properties/conflictResolution/enum").toString()).isEqualTo("[\"Abort\",\"Overwrite\"]");
    assertThat(spec.at("/properties/failover/properties/cluster/properties/purgeMode/enum").toString())
        .isEqualTo("[\"Immediately\",\"Graceful\",\"Never\"]");
    assertListMap(spec.at("/properties/rollout/properties/stages"), "name");
    assertThat(spec.at("/properties/rollout/properties/plainObjectPropagation/enum").toString()).isEqualTo("[\"Staged\",\"Immediate\"]");
    // both policy kinds share one spec schema
    assertThat(def("io.tidewater.policy.v1alpha1.ClusterPropagationPolicy").at("/properties/spec")).isEqualTo(spec);
  }

  @Test
  void overridePolicySchema() {
    JsonNode o = def("io.tidewater.policy.v1alpha1.OverridePolicy").at("/properties/spec/properties/overrideRules/items/properties/overriders/properties");
    JsonNode value = o.at("/plaintext/items/properties/value");
    assertThat(value.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(value.has("type")).as("any JSON value").isFalse();
    assertThat(o.at("/imageOverrider/items/properties/component/enum").toString()).isEqualTo("[\"Registry\",\"Repository\",\"Tag\"]");
    assertThat(o.at("/imageOverrider/items/properties/operator/enum").toString()).isEqualTo("[\"add\",\"remove\",\"replace\"]");
    assertThat(ref(o.at("/envOverrider/items/properties/value/items"))).isEqualTo(CORE + "EnvVar");
    assertThat(ref(o.at("/resourcesOverrider/items/properties/value"))).isEqualTo(CORE + "ResourceRequirements");
  }

  @Test
  void resourceBindingAndWorkSchemas() {
    JsonNode rb = def("io.tidewater.work.v1alpha1.ResourceBinding");
    assertListMap(rb.at("/properties/spec/properties/clusters"), "name");
    assertThat(rb.at("/properties/spec/properties/resource/required").toString()).isEqualTo("[\"apiVersion\",\"kind\",\"name\"]");
    assertThat(ref(rb.at("/properties/spec/properties/replicaRequirements/properties/resourceRequest/additionalProperties"))).isEqualTo(QUANTITY);
    assertThat(ref(rb.at("/properties/spec/properties/replicaRequirements/properties/nodeClaim/properties/hardNodeAffinity")))
        .isEqualTo(CORE + "NodeSelector");
    JsonNode aggregated = rb.at("/properties/status/properties/aggregatedStatus");
    assertListMap(aggregated, "clusterName");
    assertThat(aggregated.at("/items/properties/status/type").asText()).isEqualTo("object");
    assertThat(aggregated.at("/items/properties/status/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(aggregated.at("/items/properties/health/enum").toString()).isEqualTo("[\"Healthy\",\"Unhealthy\",\"Unknown\"]");

    JsonNode manifests = def("io.tidewater.work.v1alpha1.Work").at("/properties/spec/properties/workload/properties/manifests");
    assertThat(manifests.at("/items/type").asText()).isEqualTo("object");
    assertThat(manifests.at("/items/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertListMap(def("io.tidewater.work.v1alpha1.Work").at("/properties/status/properties/conditions"), "type");
  }

  @Test
  void autoscalingSchemas() {
    String v2 = REF + "io.k8s.api.autoscaling.v2.";
    JsonNode fhpa = def("io.tidewater.autoscaling.v1alpha1.FederatedHPA");
    assertThat(fhpa.at("/properties/spec/required").toString()).isEqualTo("[\"scaleTargetRef\",\"maxReplicas\"]");
    assertThat(ref(fhpa.at("/properties/spec/properties/scaleTargetRef"))).isEqualTo(v2 + "CrossVersionObjectReference");
    assertThat(ref(fhpa.at("/properties/spec/properties/metrics/items"))).isEqualTo(v2 + "MetricSpec");
    assertThat(ref(fhpa.at("/properties/spec/properties/behavior"))).isEqualTo(v2 + "HorizontalPodAutoscalerBehavior");
    assertThat(ref(fhpa.at("/properties/status"))).isEqualTo(v2 + "HorizontalPodAutoscalerStatus");

    JsonNode cron = def("io.tidewater.autoscaling.v1alpha1.CronFederatedHPA");
    JsonNode rules = cron.at("/properties/spec/properties/rules");
    assertListMap(rules, "name");
    assertThat(rules.at("/items/required").toString()).isEqualTo("[\"name\",\"schedule\"]");
    assertListMap(cron.at("/properties/status/properties/executionHistories"), "ruleName");
    assertThat(ref(cron.at("/properties/status/properties/executionHistories/items/properties/nextExecutionTime"))).isEqualTo(META + "Time");
  }

  @Test
  void shardedSetSchema() {
    JsonNode spec = def("io.tidewater.apps.v1alpha1.ShardedSet").at("/properties/spec");
    assertThat(spec.path("required").toString()).isEqualTo("[\"selector\",\"template\"]");
    assertThat(ref(spec.at("/properties/template"))).isEqualTo(CORE + "PodTemplateSpec");
    assertThat(ref(spec.at("/properties/selector"))).isEqualTo(META + "LabelSelector");
    assertThat(ref(spec.at("/properties/volumeClaimTemplates/items"))).isEqualTo(CORE + "PersistentVolumeClaim");
    assertThat(ref(spec.at("/properties/updateStrategy/properties/rollingUpdate/properties/maxUnavailable")))
        .isEqualTo(REF + "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(spec.at("/properties/podManagementPolicy/enum").toString()).isEqualTo("[\"OrderedReady\",\"Parallel\"]");
    JsonNode shards = def("io.tidewater.apps.v1alpha1.ShardedSet").at("/properties/status/properties/shards");
    assertListMap(shards, "index");
    assertListMap(shards.at("/items/properties/clusters"), "name");
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> missing = new ArrayList<>();
    defs.forEach((name, schema) -> collectUndescribed(name, schema, missing));
    assertThat(missing).isEmpty();
  }

  /**
   * Every $ref points at one of our definitions or at a real Kubernetes definition; client-java's model
   * classes are generated from Kubernetes' OpenAPI, so a definition exists when its class does.
   */
  @Test
  void everyRefNamesARealDefinition() {
    Set<String> refs = new TreeSet<>();
    defs.values().forEach(s -> collectRefs(s, refs));
    assertThat(refs).isNotEmpty();
    for (String r : refs) {
      String name = r.substring(REF.length());
      if (name.startsWith("io.tidewater.")) {
        assertThat(defs).containsKey(name);
      } else {
        assertThat(clientJavaClassExists(name)).as(name).isTrue();
      }
    }
  }

  private static boolean clientJavaClassExists(String definition) {
    String simple = definition.substring(definition.lastIndexOf('.') + 1);
    String cls;
    if (definition.equals("io.k8s.apimachinery.pkg.api.resource.Quantity")) {
      cls = "io.kubernetes.client.custom.Quantity";
    } else if (definition.equals("io.k8s.apimachinery.pkg.util.intstr.IntOrString")) {
      cls = "io.kubernetes.client.custom.IntOrString";
    } else if (definition.equals("io.k8s.apimachinery.pkg.apis.meta.v1.Time")) {
      return true; // a string with format date-time; client-java maps it to OffsetDateTime
    } else if (definition.startsWith("io.k8s.api.autoscaling.v2.")) {
      cls = "io.kubernetes.client.openapi.models.V2" + simple;
    } else {
      cls = "io.kubernetes.client.openapi.models.V1" + simple;
    }
    try {
      Class.forName(cls);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject()) {
      if (node.has("$ref")) {
        refs.add(node.get("$ref").asText());
      }
      node.forEach(child -> collectRefs(child, refs));
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  private static void collectUndescribed(String path, JsonNode schema, List<String> missing) {
    JsonNode props = schema.path("properties");
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      String p = path + "." + e.getKey();
      if (e.getValue().path("description").asText().isBlank()) {
        missing.add(p);
      }
      collectUndescribed(p, e.getValue(), missing);
      collectUndescribed(p + "[]", e.getValue().path("items"), missing);
    }
  }

  // ---- the generator refuses records that would produce a poor or invalid schema

  @JsonClassDescription("A test kind.")
  record Undocumented(@JsonPropertyDescription("Documented.") String a, String b) {}

  record Item(@JsonPropertyDescription("Name.") String name) {}

  @JsonClassDescription("A test kind.")
  record BadListMap(@ListMap(keys = "name") @JsonPropertyDescription("Items keyed by an optional field.") List<Item> items) {}

  record NoClassDescription(@JsonPropertyDescription("A.") String a) {}

  @Test
  void aFieldWithoutDescriptionIsAnError() {
    assertThatThrownBy(() -> OpenApiGenerator.kind(Undocumented.class, "g.io", "v1", "U"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Undocumented.b has no @JsonPropertyDescription");
  }

  @Test
  void aListMapKeyMustBeRequired() {
    assertThatThrownBy(() -> OpenApiGenerator.kind(BadListMap.class, "g.io", "v1", "B"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("list-map key name must be a @Required field");
  }

  @Test
  void aKindWithoutDescriptionIsAnError() {
    assertThatThrownBy(() -> OpenApiGenerator.kind(NoClassDescription.class, "g.io", "v1", "N"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no @JsonClassDescription");
  }

  @Test
  void definitionsAreFreshCopies() {
    TidewaterSchemas.definitions().get("io.tidewater.cluster.v1alpha1.Cluster").put("description", "changed");
    assertThat(TidewaterSchemas.definitions().get("io.tidewater.cluster.v1alpha1.Cluster").path("description").asText())
        .isNotEqualTo("changed");
  }
}
