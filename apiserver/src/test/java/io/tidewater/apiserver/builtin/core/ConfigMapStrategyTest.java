package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class ConfigMapStrategyTest {
  private final StrategyHarness harness = new StrategyHarness(new ConfigMapStrategy());

  static ObjectNode configMap() {
    return json(
        """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app","namespace":"default"},
         "data":{"app.properties":"a=1","LOG_LEVEL":"info"},"binaryData":{"logo.png":"iVBORw0KGgo="}}
        """);
  }

  @Test
  void hasNoDefaultsAndPrintsItsKeyCount() {
    assertThat(harness.defaulted(configMap())).isEqualTo(configMap());
    assertThat(harness.cells(configMap())).containsExactly(3L, "<unknown>");
  }

  @Test
  void keysAreConfigKeysAndDataAndBinaryDataAreDisjoint() {
    ObjectNode bad = configMap();
    bad.withObject("/data").put("bad key", "x").put("logo.png", "y");
    assertThat(harness.errors(bad))
        .containsExactly(
            "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
                + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "data[logo.png]: Invalid value: \"logo.png\": duplicate of key present in binaryData");
  }

  @Test
  void theTotalSizeIsAtMostOneMebibyte() {
    ObjectNode big = configMap();
    big.withObject("/data").put("big", "x".repeat(ConfigMapStrategy.MAX_SIZE));
    assertThat(harness.errors(big)).containsExactly(": Too long: must have at most 1048576 bytes");
  }

  @Test
  void anImmutableConfigMapKeepsItsDataAndStaysImmutable() {
    ObjectNode stored = configMap();
    stored.put("immutable", true);
    ObjectNode changed = stored.deepCopy();
    changed.withObject("/data").put("LOG_LEVEL", "debug");
    changed.put("immutable", false);
    assertThat(harness.update(changed, stored).messages())
        .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set", "data: Forbidden: field is immutable when `immutable` is set");
    ObjectNode relabelled = stored.deepCopy();
    relabelled.withObject("/metadata").putObject("labels").put("team", "a");
    assertThat(harness.update(relabelled, stored).messages()).isEmpty();
    ObjectNode mutable = configMap();
    ObjectNode edited = mutable.deepCopy();
    edited.withObject("/data").put("LOG_LEVEL", "debug");
    assertThat(harness.update(edited, mutable).messages()).isEmpty();
  }
}
