package io.tidewater.apiserver.patch.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSetTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final FieldPath REPLICAS = FieldPath.of("spec", "replicas");
  private static final PathElement NGINX =
      new PathElement.Key(List.of(new PathElement.KeyField("name", JSON.textNode("nginx"))));
  private static final FieldPath CONTAINERS = FieldPath.of("spec", "containers");
  private static final FieldPath NGINX_ITEM = CONTAINERS.child(NGINX);
  private static final FieldPath NGINX_IMAGE = NGINX_ITEM.child(new PathElement.Field("image"));

  @Test
  void membersAndChildren() {
    FieldSet set = FieldSet.of(REPLICAS, NGINX_ITEM, NGINX_IMAGE);
    assertThat(set.has(REPLICAS)).isTrue();
    assertThat(set.has(SPEC)).as("a parent of members is not a member").isFalse();
    assertThat(set.has(NGINX_ITEM)).isTrue();
    assertThat(set.paths()).containsExactly(REPLICAS, NGINX_ITEM, NGINX_IMAGE);
    assertThat(NGINX_IMAGE).hasToString(".spec.containers[name=\"nginx\"].image");
  }

  @Test
  void differenceRemovesOnlyTheNamedPathsWhileRecursiveDifferenceRemovesSubtrees() {
    FieldSet set = FieldSet.of(NGINX_ITEM, NGINX_IMAGE, REPLICAS);
    assertThat(set.difference(FieldSet.of(NGINX_ITEM)).paths()).containsExactly(REPLICAS, NGINX_IMAGE);
    assertThat(set.recursiveDifference(FieldSet.of(NGINX_ITEM)).paths()).containsExactly(REPLICAS);
    assertThat(set.recursiveDifference(FieldSet.of(SPEC))).isEqualTo(FieldSet.empty());
    assertThat(set.intersection(FieldSet.of(NGINX_IMAGE, FieldPath.of("status")))).isEqualTo(FieldSet.of(NGINX_IMAGE));
    assertThat(set.union(FieldSet.of(SPEC)).has(SPEC)).isTrue();
  }

  @Test
  void fieldsV1LooksLikeKubernetes() throws Exception {
    PathElement port =
        new PathElement.Key(
            List.of(
                new PathElement.KeyField("protocol", JSON.textNode("TCP")),
                new PathElement.KeyField("containerPort", JSON.numberNode(80))));
    FieldSet set =
        FieldSet.of(
            FieldPath.of("metadata", "labels"),
            FieldPath.of("metadata", "labels", "app"),
            FieldPath.of("metadata", "finalizers").child(new PathElement.Value(JSON.textNode("example.com/x"))),
            NGINX_ITEM,
            NGINX_IMAGE,
            NGINX_ITEM.child(new PathElement.Field("ports")).child(port),
            REPLICAS,
            FieldPath.of("spec", "args").child(new PathElement.Index(0)));
    String expected =
        """
        {"f:metadata":{"f:finalizers":{"v:\\"example.com/x\\"":{}},"f:labels":{".":{},"f:app":{}}},
         "f:spec":{"f:args":{"i:0":{}},
                   "f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},
                                   "f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{}}}},
                   "f:replicas":{}}}
        """;
    JsonNode fieldsV1 = set.toFieldsV1();
    assertThat(fieldsV1).isEqualTo(new ObjectMapper().readTree(expected));
    // The "." marker comes first, as Kubernetes writes it.
    assertThat(fieldsV1.at("/f:metadata/f:labels").fieldNames().next()).isEqualTo(".");
    assertThat(FieldSet.fromFieldsV1(fieldsV1)).isEqualTo(set);
  }

  @Test
  void rejectsMalformedFieldsV1() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(mapper.readTree("{\"x:spec\":{}}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(mapper.readTree("{\"f:spec\":1}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(mapper.readTree("{\"k:nope\":{}}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathElementsSortFieldsThenKeysThenValuesThenIndices() {
    PathElement field = new PathElement.Field("z");
    PathElement value = new PathElement.Value(JSON.textNode("a"));
    PathElement index = new PathElement.Index(0);
    assertThat(field).isLessThan(NGINX);
    assertThat(NGINX).isLessThan(value);
    assertThat(value).isLessThan(index);
    assertThat(new PathElement.Value(JSON.numberNode(1))).isEqualTo(new PathElement.Value(JSON.numberNode(1.0)));
    assertThat(new PathElement.Value(JSON.numberNode(9))).isLessThan(new PathElement.Value(JSON.textNode("1")));
  }
}
