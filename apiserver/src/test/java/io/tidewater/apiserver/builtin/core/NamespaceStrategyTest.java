package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import io.tidewater.apiserver.registry.ResourceStrategy.DeletionBehaviour;
import org.junit.jupiter.api.Test;

class NamespaceStrategyTest {
  private final NamespaceStrategy strategy = new NamespaceStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  @Test
  void aNewNamespaceIsActiveLabelledWithItsNameAndFinalizedByKubernetes() {
    ObjectNode stored = harness.create(json("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team-a\"}}")).stored();
    assertThat(stored)
        .isEqualTo(
            json(
                """
                {"apiVersion":"v1","kind":"Namespace",
                 "metadata":{"name":"team-a","labels":{"kubernetes.io/metadata.name":"team-a"}},
                 "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
                """));
    assertThat(harness.defaulted(stored)).isEqualTo(stored);
  }

  @Test
  void theNameLabelCannotBeForged() {
    ObjectNode ns = json("{\"metadata\":{\"name\":\"team-a\",\"labels\":{\"kubernetes.io/metadata.name\":\"other\",\"env\":\"prod\"}}}");
    assertThat(harness.defaulted(ns).at("/metadata/labels")).isEqualTo(json("{\"kubernetes.io/metadata.name\":\"team-a\",\"env\":\"prod\"}"));
  }

  @Test
  void deletionMarksItTerminatingAndWaitsForTheController() {
    assertThat(strategy.deletionBehaviour()).isEqualTo(DeletionBehaviour.FINALIZED_BY_CONTROLLER);
    ObjectNode stored = harness.create(json("{\"metadata\":{\"name\":\"team-a\"}}")).stored();
    ObjectNode deleting = stored.deepCopy();
    deleting.withObject("/metadata").put("deletionTimestamp", "2024-05-01T00:00:00Z");
    strategy.prepareForUpdate(deleting, stored);
    assertThat(deleting.at("/status/phase").asText()).isEqualTo("Terminating");
    assertThat(harness.cells(deleting).get(0)).isEqualTo("Terminating");
    assertThat(strategy.selectableFields().get("status.phase").apply(deleting)).isEqualTo("Terminating");
  }

  @Test
  void namesAreLabelsAndFinalizersQualified() {
    assertThat(strategy.validateName("team.a")).isNotEmpty();
    assertThat(strategy.validateName("team-a")).isEmpty();
    ObjectNode ns = json("{\"metadata\":{\"name\":\"team-a\"},\"spec\":{\"finalizers\":[\"cleanup\",\"example.com/cleanup\"]}}");
    assertThat(harness.errors(ns))
        .containsExactly("spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified");
    ObjectNode bad = json("{\"metadata\":{\"name\":\"team-a\"},\"spec\":{\"finalizers\":[\"example.com/a b\"]}}");
    assertThat(harness.errors(bad)).hasSize(1).first().asString().startsWith("spec.finalizers: Invalid value: \"example.com/a b\": name part must consist of");
  }
}
