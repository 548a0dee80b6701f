package io.tidewater.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.TypeNode.Kind;
import io.tidewater.api.schema.TypeNode.ListType;
import io.tidewater.api.schema.TypeNode.MapType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeNodeTest {

  private static final SchemaCatalog BUILTIN = SchemaCatalog.builtin();

  private static TypeNode deployment() {
    return BUILTIN.type(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();
  }

  private static TypeNode at(TypeNode root, String... path) {
    TypeNode node = root;
    for (String step : path) {
      node = step.equals("[]") ? node.elements() : node.field(step).orElseThrow(() -> new AssertionError(step));
    }
    return node;
  }

  @Test
  void navigatesFromDeploymentToContainers() {
    TypeNode containers = at(deployment(), "spec", "template", "spec", "containers");
    assertThat(containers.kind()).isEqualTo(Kind.LIST);
    assertThat(containers.listType()).isEqualTo(ListType.MAP);
    assertThat(containers.listMapKeys()).containsExactly("name");
    assertThat(containers.patchStrategies()).containsExactly("merge");
    assertThat(containers.patchMergeKey()).contains("name");
    TypeNode container = containers.elements();
    assertThat(container.kind()).isEqualTo(Kind.STRUCT);
    assertThat(container.definitionName()).contains("io.k8s.api.core.v1.Container");
    assertThat(container.fieldNames()).contains("name", "image", "ports", "env");
    assertThat(container.requiredFields()).containsExactly("name");
    assertThat(container.field("image").orElseThrow().kind()).isEqualTo(Kind.SCALAR);
    assertThat(container.field("image").orElseThrow().type()).isEqualTo("string");
    assertThat(container.field("imagex")).isEmpty();
  }

  @Test
  void fieldSitesKeepTheirOwnDescriptionAndDefault() {
    TypeNode metadata = at(deployment(), "metadata");
    assertThat(metadata.description()).hasValueSatisfying(d -> assertThat(d).startsWith("Standard object's metadata"));
    assertThat(metadata.defaultValue()).hasValueSatisfying(d -> assertThat(d.isObject()).isTrue());
    assertThat(deployment().description()).contains("Deployment enables declarative updates for Pods and ReplicaSets.");
  }

  @Test
  void containerPortsAreKeyedByPortAndProtocolWithTcpDefault() {
    TypeNode ports = at(deployment(), "spec", "template", "spec", "containers", "[]", "ports");
    assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
    assertThat(ports.patchMergeKey()).contains("containerPort");
    TypeNode protocol = at(ports, "[]", "protocol");
    assertThat(protocol.defaultValue()).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("TCP"));
    assertThat(at(ports, "[]", "containerPort").format()).contains("int32");
  }

  @Test
  void mapsSetsAndAtomicStructs() {
    TypeNode labels = at(deployment(), "metadata", "labels");
    assertThat(labels.kind()).isEqualTo(Kind.MAP);
    assertThat(labels.mapType()).isEqualTo(MapType.GRANULAR);
    assertThat(labels.elements().kind()).isEqualTo(Kind.SCALAR);

    TypeNode finalizers = at(deployment(), "metadata", "finalizers");
    assertThat(finalizers.listType()).isEqualTo(ListType.SET);
    assertThat(finalizers.patchStrategies()).containsExactly("merge");

    assertThat(at(deployment(), "spec", "selector").mapType()).isEqualTo(MapType.ATOMIC);
    assertThat(at(deployment(), "spec", "template", "spec", "tolerations").listType()).isEqualTo(ListType.ATOMIC);
    assertThat(at(deployment(), "spec", "template", "spec", "volumes").patchStrategies())
        .containsExactly("merge", "retainKeys");
    assertThat(at(deployment(), "spec", "strategy").patchStrategies()).containsExactly("retainKeys");

    TypeNode service = BUILTIN.type(new GroupVersionKind("", "v1", "Service")).orElseThrow();
    assertThat(at(service, "spec", "selector").mapType()).isEqualTo(MapType.ATOMIC);
    assertThat(at(service, "spec", "ports").listMapKeys()).containsExactly("port", "protocol");
  }

  @Test
  void scalarsCarryTheirFormats() {
    TypeNode service = BUILTIN.type(new GroupVersionKind("", "v1", "Service")).orElseThrow();
    TypeNode targetPort = at(service, "spec", "ports", "[]", "targetPort");
    assertThat(targetPort.kind()).isEqualTo(Kind.SCALAR);
    assertThat(targetPort.intOrString()).isTrue();
    assertThat(targetPort.format()).contains("int-or-string");
    TypeNode created = at(deployment(), "metadata", "creationTimestamp");
    assertThat(created.kind()).isEqualTo(Kind.SCALAR);
    assertThat(created.format()).contains("date-time");
    TypeNode cpu = at(deployment(), "spec", "template", "spec", "containers", "[]", "resources", "limits", "[]");
    assertThat(cpu.kind()).isEqualTo(Kind.SCALAR);
    assertThat(cpu.definitionName()).contains("io.k8s.apimachinery.pkg.api.resource.Quantity");
  }

  @Test
  void rawExtensionsAreUntypedAndAcceptAnything() {
    TypeNode revision = BUILTIN.type(new GroupVersionKind("apps", "v1", "ControllerRevision")).orElseThrow();
    TypeNode data = at(revision, "data");
    assertThat(data.kind()).isEqualTo(Kind.UNTYPED);
    assertThat(data.preserveUnknownFields()).isTrue();
    assertThat(at(data, "spec", "anything").kind()).isEqualTo(Kind.UNTYPED);
    assertThat(data.elements().kind()).isEqualTo(Kind.UNTYPED);
    assertThat(at(deployment(), "metadata", "managedFields", "[]", "fieldsV1").kind()).isEqualTo(Kind.UNTYPED);
  }

  @Test
  void scalarsHaveNoElements() {
    assertThatThrownBy(() -> at(deployment(), "kind").elements()).isInstanceOf(IllegalStateException.class);
    assertThat(at(deployment(), "kind").field("x")).isEmpty();
  }

  @Test
  void selfReferencingSchemasResolveLazily() throws Exception {
    ObjectNode props =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    """
                    {"type":"object","properties":{
                       "name":{"type":"string"},
                       "properties":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/test.Props"}},
                       "items":{"$ref":"#/components/schemas/test.Props"}}}
                    """);
    SchemaCatalog catalog = SchemaCatalog.of(Map.of("test.Props", props));
    TypeNode node = catalog.type("test.Props");
    for (int i = 0; i < 50; i++) {
      node = node.field(i % 2 == 0 ? "items" : "properties").orElseThrow();
      if (node.kind() == Kind.MAP) {
        node = node.elements();
      }
    }
    assertThat(node.definitionName()).contains("test.Props");
    assertThat(node.field("name").orElseThrow().kind()).isEqualTo(Kind.SCALAR);
    // Resolved nodes are cached, so repeated navigation returns the same instances.
    assertThat(catalog.type("test.Props").field("items").orElseThrow())
        .isSameAs(catalog.type("test.Props").field("items").orElseThrow());
  }

  @Test
  void legacyMergeListsAreMapsKeyedByTheirMergeKey() throws Exception {
    ObjectNode legacy =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    """
                    {"type":"object","properties":{
                      "env":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}},
                             "x-kubernetes-patch-strategy":"merge","x-kubernetes-patch-merge-key":"name"},
                      "args":{"type":"array","items":{"type":"string"}}}}
                    """);
    TypeNode node = SchemaCatalog.of(Map.of("test.Legacy", legacy)).type("test.Legacy");
    assertThat(node.field("env").orElseThrow().listType()).isEqualTo(ListType.MAP);
    assertThat(node.field("env").orElseThrow().listMapKeys()).containsExactly("name");
    assertThat(node.field("args").orElseThrow().listType()).isEqualTo(ListType.ATOMIC);
  }
}
