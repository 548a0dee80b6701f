package io.tidewater.api.schema.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BuiltinSchemaGeneratorTest {

  static final String REGENERATE =
      "mvn -B -o -pl api test -Dtest=BuiltinSchemaGeneratorTest -Dtidewater.regenerateSchemas=true";

  private static final String COMPONENTS = "#/components/schemas/";

  private static ObjectNode generated;

  @BeforeAll
  static void generate() {
    generated = BuiltinSchemaGenerator.generate();
  }

  /** The committed file can never rot: it must be exactly what the generator produces now. */
  @Test
  void committedDefinitionsAreWhatTheGeneratorProduces() throws IOException {
    String expected = BuiltinSchemaGenerator.render(generated);
    Path file =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/main/resources/io/tidewater/api/schema/kubernetes-definitions.json");
    if (Boolean.getBoolean("tidewater.regenerateSchemas")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    if (!committed.equals(expected)) {
      fail(
          "%s is out of date (first difference at line %d). Regenerate it with:%n  %s",
          file, firstDifferentLine(committed, expected), REGENERATE);
    }
  }

  @Test
  void kindsCarryTheirGroupVersionKind() {
    assertThat(generated.at("/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0"))
        .hasToString("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}");
    assertThat(generated.at("/io.k8s.api.core.v1.Event/x-kubernetes-group-version-kind/0/kind").asText())
        .isEqualTo("Event");
    assertThat(generated.at("/io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerList/x-kubernetes-group-version-kind/0/version").asText())
        .isEqualTo("v2");
    assertThat(generated.at("/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions/x-kubernetes-group-version-kind"))
        .hasSize(5);
  }

  @Test
  void referencesWithSiblingsAreWrappedInAllOfLikeKubernetes() {
    JsonNode metadata = generated.at("/io.k8s.api.apps.v1.Deployment/properties/metadata");
    assertThat(metadata.at("/allOf/0/$ref").asText())
        .isEqualTo(COMPONENTS + "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(metadata.get("default")).isEqualTo(generated.objectNode());
    assertThat(metadata.path("description").asText()).startsWith("Standard object's metadata.");
    JsonNode containers = generated.at("/io.k8s.api.core.v1.PodSpec/properties/containers/items");
    assertThat(containers.at("/allOf/0/$ref").asText()).isEqualTo(COMPONENTS + "io.k8s.api.core.v1.Container");
    assertThat(containers.get("default")).isEqualTo(generated.objectNode());
    // A bare reference stays bare.
    assertThat(generated.at("/io.k8s.api.core.v1.ResourceRequirements/properties/limits/additionalProperties/$ref").asText())
        .isEqualTo(COMPONENTS + "io.k8s.apimachinery.pkg.api.resource.Quantity");
  }

  @Test
  void listSemanticsFollowKubernetesMarkers() {
    JsonNode containers = generated.at("/io.k8s.api.core.v1.PodSpec/properties/containers");
    assertThat(containers.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(containers.path("x-kubernetes-list-map-keys")).hasToString("[\"name\"]");
    assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");

    JsonNode ports = generated.at("/io.k8s.api.core.v1.Container/properties/ports");
    assertThat(ports.path("x-kubernetes-list-map-keys")).hasToString("[\"containerPort\",\"protocol\"]");
    assertThat(ports.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("containerPort");
    assertThat(generated.at("/io.k8s.api.core.v1.ContainerPort/properties/protocol/default").asText()).isEqualTo("TCP");

    JsonNode volumes = generated.at("/io.k8s.api.core.v1.PodSpec/properties/volumes");
    assertThat(volumes.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge,retainKeys");

    JsonNode finalizers = generated.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/finalizers");
    assertThat(finalizers.path("x-kubernetes-list-type").asText()).isEqualTo("set");
    assertThat(finalizers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");

    assertThat(generated.at("/io.k8s.api.core.v1.PodSpec/properties/tolerations/x-kubernetes-list-type").asText())
        .isEqualTo("atomic");
    assertThat(generated.at("/io.k8s.api.core.v1.ServiceSpec/properties/selector/x-kubernetes-map-type").asText())
        .isEqualTo("atomic");
    assertThat(generated.at("/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector/x-kubernetes-map-type").asText())
        .isEqualTo("atomic");
    assertThat(generated.at("/io.k8s.api.apps.v1.DeploymentSpec/properties/strategy/x-kubernetes-patch-strategy").asText())
        .isEqualTo("retainKeys");
  }

  @Test
  void valueTypesAreShapedLikeKubernetes() {
    assertThat(generated.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("format").asText())
        .isEqualTo("int-or-string");
    assertThat(generated.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("x-kubernetes-int-or-string").asBoolean())
        .isTrue();
    assertThat(generated.get("io.k8s.apimachinery.pkg.api.resource.Quantity").path("type").asText()).isEqualTo("string");
    assertThat(generated.get("io.k8s.apimachinery.pkg.apis.meta.v1.Time").path("format").asText()).isEqualTo("date-time");
    assertThat(referenceOf(generated.at("/io.k8s.api.coordination.v1.LeaseSpec/properties/renewTime")))
        .isEqualTo(COMPONENTS + "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
    assertThat(referenceOf(generated.at("/io.k8s.api.apps.v1.ControllerRevision/properties/data")))
        .isEqualTo(COMPONENTS + "io.k8s.apimachinery.pkg.runtime.RawExtension");
    assertThat(generated.at("/io.k8s.api.core.v1.Secret/properties/data/additionalProperties/format").asText())
        .isEqualTo("byte");
    assertThat(generated.at("/io.k8s.api.core.v1.Container/properties/name/default").asText()).isEmpty();
    assertThat(generated.at("/io.k8s.api.core.v1.Container/required")).hasToString("[\"name\"]");
  }

  @Test
  void includesEveryRequestedRootAndNoClientJavaNames() {
    assertThat(generated.has("io.k8s.api.core.v1.PodTemplateSpec")).isTrue();
    assertThat(generated.has("io.k8s.api.autoscaling.v2.MetricSpec")).isTrue();
    assertThat(generated.has("io.k8s.api.autoscaling.v1.Scale")).isTrue();
    assertThat(generated.has("io.k8s.api.coordination.v1.Lease")).isTrue();
    assertThat(generated.has("io.k8s.apimachinery.pkg.apis.meta.v1.Table")).isTrue();
    assertThat(generated.has("io.k8s.apimachinery.pkg.apis.meta.v1.Condition")).isTrue();
    generated.fieldNames().forEachRemaining(name -> assertThat(name).startsWith("io.k8s."));
  }

  private static String referenceOf(JsonNode site) {
    return site.has("$ref") ? site.get("$ref").asText() : site.at("/allOf/0/$ref").asText();
  }

  private static int firstDifferentLine(String a, String b) {
    String[] left = a.split("\n", -1);
    String[] right = b.split("\n", -1);
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      if (!left[i].equals(right[i])) {
        return i + 1;
      }
    }
    return Math.min(left.length, right.length) + 1;
  }
}
