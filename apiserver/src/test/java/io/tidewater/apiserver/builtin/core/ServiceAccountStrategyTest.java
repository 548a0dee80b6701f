package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class ServiceAccountStrategyTest {
  private final StrategyHarness harness = new StrategyHarness(new ServiceAccountStrategy());

  @Test
  void printsTheNumberOfSecretsAndAcceptsAnyBody() {
    ObjectNode sa = json("{\"metadata\":{\"name\":\"builder\",\"namespace\":\"ci\"},\"secrets\":[{\"name\":\"builder-token\"}],\"automountServiceAccountToken\":false}");
    assertThat(harness.defaulted(sa)).isEqualTo(sa);
    assertThat(harness.errors(sa)).isEmpty();
    assertThat(harness.columnNames()).containsExactly("Secrets", "Age");
    assertThat(harness.cells(sa)).containsExactly(1L, "<unknown>");
  }
}
