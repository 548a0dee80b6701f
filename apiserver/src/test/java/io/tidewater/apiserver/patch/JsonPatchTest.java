package io.tidewater.apiserver.patch;

import static io.tidewater.apiserver.patch.Yaml.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

  private static final JsonNode DOC = node("{\"metadata\": {\"labels\": {\"app\": \"web\"}}, \"spec\": {\"replicas\": 1, \"args\": [\"a\", \"b\", \"c\"]}}");

  private static JsonNode apply(String patch) {
    return JsonPatch.apply(DOC, node(patch));
  }

  private static PatchException failure(String patch) {
    try {
      apply(patch);
    } catch (PatchException e) {
      return e;
    }
    throw new AssertionError("patch applied: " + patch);
  }

  @Test
  void addReplaceRemoveOnObjects() {
    JsonNode out =
        apply(
            """
            [{"op": "replace", "path": "/spec/replicas", "value": 3},
             {"op": "add", "path": "/metadata/labels/tier", "value": "front"},
             {"op": "remove", "path": "/metadata/labels/app"}]
            """);
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(out.at("/metadata/labels")).isEqualTo(node("{\"tier\": \"front\"}"));
    assertThat(DOC.at("/spec/replicas").asInt()).as("the input is not changed").isEqualTo(1);
  }

  @Test
  void arrayIndicesIncludingDashAndNegative() {
    assertThat(apply("[{\"op\": \"add\", \"path\": \"/spec/args/-\", \"value\": \"d\"}]").at("/spec/args"))
        .isEqualTo(node("[a, b, c, d]"));
    assertThat(apply("[{\"op\": \"add\", \"path\": \"/spec/args/3\", \"value\": \"d\"}]").at("/spec/args"))
        .isEqualTo(node("[a, b, c, d]"));
    assertThat(apply("[{\"op\": \"add\", \"path\": \"/spec/args/0\", \"value\": \"z\"}]").at("/spec/args"))
        .isEqualTo(node("[z, a, b, c]"));
    assertThat(apply("[{\"op\": \"remove\", \"path\": \"/spec/args/-1\"}]").at("/spec/args")).isEqualTo(node("[a, b]"));
    assertThat(apply("[{\"op\": \"replace\", \"path\": \"/spec/args/-3\", \"value\": \"x\"}]").at("/spec/args"))
        .isEqualTo(node("[x, b, c]"));
    assertThat(failure("[{\"op\": \"add\", \"path\": \"/spec/args/5\", \"value\": \"d\"}]").getMessage())
        .contains("invalid index");
    assertThat(failure("[{\"op\": \"remove\", \"path\": \"/spec/args/3\"}]").code()).isEqualTo(422);
  }

  @Test
  void removeAndReplaceOfMissingPathsFailLikeKubernetes() {
    PatchException remove = failure("[{\"op\": \"remove\", \"path\": \"/spec/paused\"}]");
    assertThat(remove.code()).isEqualTo(422);
    assertThat(remove.getMessage()).isEqualTo("Unable to remove nonexistent key: paused: missing value");
    PatchException replace = failure("[{\"op\": \"replace\", \"path\": \"/spec/paused\", \"value\": true}]");
    assertThat(replace.getMessage())
        .isEqualTo("replace operation does not apply: doc is missing key: /spec/paused: missing value");
    PatchException add = failure("[{\"op\": \"add\", \"path\": \"/status/replicas\", \"value\": 1}]");
    assertThat(add.getMessage()).contains("doc is missing path: \"/status/replicas\"");
  }

  @Test
  void testOperationComparesValuesNumerically() {
    assertThat(apply("[{\"op\": \"test\", \"path\": \"/spec/replicas\", \"value\": 1.0}, {\"op\": \"replace\", \"path\": \"/spec/replicas\", \"value\": 2}]").at("/spec/replicas").asInt())
        .isEqualTo(2);
    PatchException failed = failure("[{\"op\": \"test\", \"path\": \"/spec/replicas\", \"value\": 2}, {\"op\": \"replace\", \"path\": \"/spec/replicas\", \"value\": 5}]");
    assertThat(failed.getMessage()).isEqualTo("testing value /spec/replicas failed: test failed");
    assertThat(failed.code()).isEqualTo(422);
    assertThat(apply("[{\"op\": \"test\", \"path\": \"/spec/absent\", \"value\": null}]")).isEqualTo(DOC);
  }

  @Test
  void moveAndCopy() {
    JsonNode moved = apply("[{\"op\": \"move\", \"from\": \"/metadata/labels/app\", \"path\": \"/metadata/labels/name\"}]");
    assertThat(moved.at("/metadata/labels")).isEqualTo(node("{\"name\": \"web\"}"));
    JsonNode copied = apply("[{\"op\": \"copy\", \"from\": \"/metadata/labels\", \"path\": \"/spec/selector\"}]");
    assertThat(copied.at("/spec/selector")).isEqualTo(node("{\"app\": \"web\"}"));
    assertThat(failure("[{\"op\": \"move\", \"from\": \"/spec\", \"path\": \"/spec/inner\"}]").code()).isEqualTo(422);
    assertThat(failure("[{\"op\": \"copy\", \"from\": \"/nope\", \"path\": \"/x\"}]").getMessage())
        .contains("missing from path");
  }

  @Test
  void escapedPointerTokens() {
    JsonNode out = apply("[{\"op\": \"add\", \"path\": \"/metadata/labels/example.com~1team\", \"value\": \"a~b\"}]");
    assertThat(out.at("/metadata/labels").get("example.com/team").asText()).isEqualTo("a~b");
  }

  @Test
  void malformedPatchesAreBadRequests() {
    assertThat(failure("{\"op\": \"add\"}").code()).isEqualTo(400);
    assertThat(failure("[1]").code()).isEqualTo(400);
    assertThat(failure("[{\"op\": \"bogus\", \"path\": \"/a\"}]").getMessage()).isEqualTo("Unexpected kind: bogus");
    assertThat(failure("[{\"op\": \"add\", \"path\": \"/a\"}]").code()).isEqualTo(422);
  }

  @Test
  void refusesMoreThanTenThousandOperations() {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
      patch.addObject().put("op", "test").put("path", "/spec/replicas").put("value", 1);
    }
    assertThatThrownBy(() -> JsonPatch.apply(DOC, patch))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(413));
  }
}
