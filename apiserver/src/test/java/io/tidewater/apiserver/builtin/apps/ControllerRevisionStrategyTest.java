package io.tidewater.apiserver.builtin.apps;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class ControllerRevisionStrategyTest {
  private final StrategyHarness harness = new StrategyHarness(new ControllerRevisionStrategy());

  static ObjectNode revision() {
    return json(
        """
        {"apiVersion":"apps/v1","kind":"ControllerRevision",
         "metadata":{"name":"db-7b9c","namespace":"default","ownerReferences":[
           {"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"u1","controller":true}]},
         "data":{"spec":{"template":{}}},"revision":3}
        """);
  }

  @Test
  void dataIsRequiredAndImmutable() {
    ObjectNode noData = revision();
    noData.remove("data");
    noData.put("revision", -1);
    assertThat(harness.errors(noData))
        .containsExactly("data: Required value: data is mandatory", "revision: Invalid value: -1: must be greater than or equal to 0");
    ObjectNode stored = harness.create(revision()).stored();
    ObjectNode changed = stored.deepCopy();
    changed.withObject("/data").put("x", 1);
    assertThat(harness.update(changed, stored).messages())
        .containsExactly("data: Invalid value: {\"spec\":{\"template\":{}},\"x\":1}: field is immutable");
  }

  @Test
  void printsTheControllerAsKindGroupSlashName() {
    assertThat(harness.cells(revision())).containsExactly("statefulset.apps/db", 3L, "<unknown>");
    ObjectNode orphan = revision();
    orphan.withObject("/metadata").remove("ownerReferences");
    assertThat(harness.cell(orphan, "Controller")).isEqualTo("<none>");
  }
}
