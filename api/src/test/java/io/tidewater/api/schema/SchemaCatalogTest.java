package io.tidewater.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaCatalog BUILTIN = SchemaCatalog.builtin();

  @Test
  void findsBuiltinKindsByGroupVersionKind() {
    assertThat(BUILTIN.definitionName(new GroupVersionKind("apps", "v1", "Deployment")))
        .contains("io.k8s.api.apps.v1.Deployment");
    assertThat(BUILTIN.definitionName(new GroupVersionKind("", "v1", "Pod"))).contains("io.k8s.api.core.v1.Pod");
    assertThat(BUILTIN.definitionName(new GroupVersionKind("autoscaling", "v2", "HorizontalPodAutoscaler")))
        .contains("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler");
    assertThat(BUILTIN.definitionName(new GroupVersionKind("coordination.k8s.io", "v1", "LeaseList")))
        .contains("io.k8s.api.coordination.v1.LeaseList");
    assertThat(BUILTIN.definitionName(new GroupVersionKind("apps", "v1", "DeleteOptions")))
        .contains("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");
    assertThat(BUILTIN.definitionName(new GroupVersionKind("apps", "v1", "DaemonSet"))).isEmpty();
    assertThat(BUILTIN.type(new GroupVersionKind("", "v1", "ConfigMap")).orElseThrow().kind())
        .isEqualTo(TypeNode.Kind.STRUCT);
  }

  @Test
  void closureFollowsReferencesOnly() {
    Set<String> closure = BUILTIN.closure(Set.of("io.k8s.api.apps.v1.Deployment"));
    assertThat(closure)
        .contains(
            "io.k8s.api.apps.v1.Deployment",
            "io.k8s.api.core.v1.PodSpec",
            "io.k8s.api.core.v1.Container",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "io.k8s.apimachinery.pkg.api.resource.Quantity",
            "io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        .doesNotContain("io.k8s.api.core.v1.Node", "io.k8s.api.apps.v1.StatefulSet");
    assertThatThrownBy(() -> BUILTIN.closure(Set.of("io.k8s.api.core.v1.Nope")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handsOutCopies() {
    ObjectNode schemas = BUILTIN.schemas(Set.of("io.k8s.api.core.v1.ConfigMap"));
    assertThat(schemas.has("io.k8s.api.core.v1.ConfigMap")).isTrue();
    assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
    ((ObjectNode) schemas.get("io.k8s.api.core.v1.ConfigMap")).remove("properties");
    BUILTIN.definition("io.k8s.api.core.v1.ConfigMap").orElseThrow().removeAll();
    assertThat(BUILTIN.definition("io.k8s.api.core.v1.ConfigMap").orElseThrow().has("properties")).isTrue();
  }

  @Test
  void addsDefinitionsThatReferenceBuiltinOnes() throws Exception {
    ObjectNode cluster =
        (ObjectNode)
            JSON.readTree(
                """
                {"type":"object",
                 "properties":{
                   "metadata":{"allOf":[{"$ref":"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}],"default":{}},
                   "spec":{"type":"object","properties":{
                     "taints":{"type":"array","items":{"$ref":"#/components/schemas/io.k8s.api.core.v1.Taint"},
                               "x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["key","effect"]}}}},
                 "x-kubernetes-group-version-kind":[{"group":"cluster.tidewater.io","kind":"Cluster","version":"v1alpha1"}]}
                """);
    SchemaCatalog catalog = BUILTIN.withDefinitions(Map.of("io.tidewater.cluster.v1alpha1.Cluster", cluster));
    GroupVersionKind kind = new GroupVersionKind("cluster.tidewater.io", "v1alpha1", "Cluster");

    TypeNode taints = catalog.type(kind).orElseThrow().field("spec").orElseThrow().field("taints").orElseThrow();
    assertThat(taints.listType()).isEqualTo(TypeNode.ListType.MAP);
    assertThat(taints.listMapKeys()).containsExactly("key", "effect");
    assertThat(taints.elements().definitionName()).contains("io.k8s.api.core.v1.Taint");
    assertThat(catalog.closure(Set.of("io.tidewater.cluster.v1alpha1.Cluster")))
        .contains("io.k8s.api.core.v1.Taint", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(BUILTIN.definitionName(kind)).isEmpty();
  }

  @Test
  void rejectsConflictingAndDanglingDefinitions() throws Exception {
    ObjectNode other = (ObjectNode) JSON.readTree("{\"type\":\"string\"}");
    assertThatThrownBy(() -> BUILTIN.withDefinitions(Map.of("io.k8s.api.core.v1.Pod", other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.k8s.api.core.v1.Pod");
    ObjectNode dangling = (ObjectNode) JSON.readTree("{\"$ref\":\"#/components/schemas/io.tidewater.Missing\"}");
    assertThatThrownBy(() -> BUILTIN.withDefinitions(Map.of("io.tidewater.Broken", dangling)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.tidewater.Missing");
  }
}
