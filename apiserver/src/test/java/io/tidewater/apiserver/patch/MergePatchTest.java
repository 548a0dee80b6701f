package io.tidewater.apiserver.patch;

import static io.tidewater.apiserver.patch.Yaml.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MergePatchTest {

  @Test
  void mergesObjectsDeletesNullsAndReplacesLists() {
    JsonNode original =
        node(
            """
            metadata: {labels: {app: web, tier: front}}
            spec:
              replicas: 1
              template: {spec: {containers: [{name: a, image: nginx}, {name: b, image: redis}]}}
            """);
    JsonNode patch =
        node(
            """
            metadata: {labels: {tier: null, team: blue}}
            spec:
              replicas: 3
              template: {spec: {containers: [{name: a, image: "nginx:1.27"}]}}
            """);
    JsonNode out = MergePatch.apply(original, patch);
    assertThat(out.at("/metadata/labels")).isEqualTo(node("{app: web, team: blue}"));
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(out.at("/spec/template/spec/containers")).isEqualTo(node("[{name: a, image: \"nginx:1.27\"}]"));
    assertThat(original.at("/spec/replicas").asInt()).as("input unchanged").isEqualTo(1);
  }

  @Test
  void rfc7386Examples() {
    // Appendix A of RFC 7386, a selection.
    assertThat(MergePatch.apply(node("{a: b}"), node("{a: c}"))).isEqualTo(node("{a: c}"));
    assertThat(MergePatch.apply(node("{a: b}"), node("{b: c}"))).isEqualTo(node("{a: b, b: c}"));
    assertThat(MergePatch.apply(node("{a: b}"), node("{a: null}"))).isEqualTo(node("{}"));
    assertThat(MergePatch.apply(node("{a: [b]}"), node("{a: c}"))).isEqualTo(node("{a: c}"));
    assertThat(MergePatch.apply(node("{a: c}"), node("{a: [b]}"))).isEqualTo(node("{a: [b]}"));
    assertThat(MergePatch.apply(node("{a: {b: c}}"), node("{a: {b: d, c: null}}"))).isEqualTo(node("{a: {b: d}}"));
    assertThat(MergePatch.apply(node("[1, 2]"), node("{a: b, c: null}"))).isEqualTo(node("{a: b}"));
    assertThat(MergePatch.apply(node("{e: null}"), node("{a: 1}"))).isEqualTo(node("{e: null, a: 1}"));
    assertThat(MergePatch.apply(node("{}"), node("{a: {bb: {ccc: null}}}"))).isEqualTo(node("{a: {bb: {}}}"));
  }
}
