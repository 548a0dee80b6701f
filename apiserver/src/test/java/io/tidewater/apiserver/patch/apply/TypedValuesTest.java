package io.tidewater.apiserver.patch.apply;

import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.DEPLOYMENT;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.SchemaCatalog;
import io.tidewater.api.schema.TypeNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema-directed primitives under FieldManager. */
class TypedValuesTest {

  private static final TypeNode REVISION =
      SchemaCatalog.builtin().type(new GroupVersionKind("apps", "v1", "ControllerRevision")).orElseThrow();

  /** A kind with a list-map whose key has no default, and a set. */
  private static final TypeNode WIDGET = widget();

  private static TypeNode widget() {
    try {
      ObjectNode schema =
          (ObjectNode)
              new ObjectMapper()
                  .readTree(
                      """
                      {"type":"object","properties":{
                        "parts":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["id"],
                                 "items":{"type":"object","properties":{"id":{"type":"string"},"size":{"type":"integer"}}}},
                        "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}}}
                      """);
      return SchemaCatalog.of(Map.of("test.Widget", schema)).type("test.Widget");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void listMapItemsWithoutTheirKeyAreRefused() {
    assertThatThrownBy(() -> TypedValues.toFieldSet(json("{parts: [{size: 1}]}"), WIDGET, true))
        .isInstanceOf(TypedValueException.class)
        .hasMessage(".parts: element 0: associative list with keys has an element that omits key field \"id\" (and doesn't have default value)");
    assertThatThrownBy(() -> TypedValues.toFieldSet(json("{tags: [{a: 1}]}"), WIDGET, true))
        .hasMessageContaining("associative list without keys has an element that's a map type");
  }

  @Test
  void untypedValuesAreDeducedAsGranularMapsAndAtomicLists() {
    FieldSet set = TypedValues.toFieldSet(json("{data: {spec: {a: 1, list: [1, 2]}}}"), REVISION, false);
    assertThat(set.paths())
        .extracting(FieldPath::toString)
        .containsExactly(".data.spec", ".data.spec.a", ".data.spec.list");
  }

  @Test
  void mergedListsFollowTheAppliedOrderAroundLiveOnlyItems() {
    JsonNode merged =
        TypedValues.merge(
            json("{parts: [{id: a}, {id: b, size: 2}, {id: c}]}"), json("{parts: [{id: c, size: 3}, {id: a}]}"), WIDGET);
    assertThat(merged.get("parts")).isEqualTo(json("[{id: b, size: 2}, {id: c, size: 3}, {id: a}]"));
    assertThat(TypedValues.merge(json("{tags: [x, y]}"), json("{tags: [z, x]}"), WIDGET).get("tags"))
        .isEqualTo(json("[z, x, y]"));
  }

  @Test
  void duplicatesInLiveListsAreIgnoredAfterTheFirst() {
    JsonNode merged = TypedValues.merge(json("{parts: [{id: a, size: 1}, {id: b}, {id: a, size: 9}]}"), json("{parts: [{id: b, size: 2}]}"), WIDGET);
    assertThat(merged.get("parts")).isEqualTo(json("[{id: a, size: 1}, {id: b, size: 2}]"));
    assertThatThrownBy(() -> TypedValues.toFieldSet(json("{parts: [{id: a}, {id: a}]}"), WIDGET, true))
        .hasMessage(".parts: duplicate entries for key [id=\"a\"]");
  }

  @Test
  void comparisonRecordsNewContainersAsMembersAndLeavesAsChanged() {
    TypedValues.Comparison comparison =
        TypedValues.compare(
            json("{parts: [{id: a, size: 1}], tags: [x]}"), json("{parts: [{id: a, size: 2}, {id: b}], tags: []}"), WIDGET);
    assertThat(comparison.modified().paths()).extracting(FieldPath::toString).containsExactly(".parts[id=\"a\"].size");
    assertThat(comparison.added().paths())
        .extracting(FieldPath::toString)
        .containsExactly(".parts[id=\"b\"]", ".parts[id=\"b\"].id");
    assertThat(comparison.removed().paths()).extracting(FieldPath::toString).containsExactly(".tags[=\"x\"]");
  }

  @Test
  void namedStructFieldsBecomeMembersSoThatPruningRemovesThem() {
    FieldSet applied = FieldSet.of(FieldPath.of("spec", "strategy", "type"), FieldPath.of("metadata", "labels", "app"));
    FieldSet ensured = TypedValues.ensureNamedFieldsAreMembers(applied, DEPLOYMENT);
    assertThat(ensured.has(FieldPath.of("spec"))).isTrue();
    assertThat(ensured.has(FieldPath.of("spec", "strategy"))).isTrue();
    assertThat(ensured.has(FieldPath.of("metadata", "labels"))).isTrue();
    assertThat(ensured.has(FieldPath.of("metadata", "labels", "app"))).isTrue();

    JsonNode live = json("{spec: {replicas: 1, strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}}}");
    JsonNode pruned = TypedValues.removeItems(live, FieldSet.of(FieldPath.of("spec", "strategy")), DEPLOYMENT);
    assertThat(pruned).isEqualTo(json("{spec: {replicas: 1}}"));
  }

  @Test
  void goZeroValuesFillByValueStructsAndRequiredFields() {
    ObjectNode zero = TypedValues.zeroValue(DEPLOYMENT);
    assertThat(zero)
        .isEqualTo(json("{metadata: {}, spec: {selector: null, strategy: {}, template: {metadata: {}, spec: {containers: null}}}, status: {}}"));
    JsonNode container = TypedValues.withGoZeroValues(json("{spec: {template: {spec: {containers: [{name: c}]}}}}"), DEPLOYMENT)
        .at("/spec/template/spec/containers/0");
    assertThat(container).isEqualTo(json("{name: c, resources: {}}"));
  }
}
