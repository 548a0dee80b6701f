package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class SecretStrategyTest {
  private final SecretStrategy strategy = new SecretStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  @Test
  void defaultsToOpaqueAndFoldsStringDataIntoData() {
    ObjectNode in =
        json(
            """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"default"},
             "data":{"user":"YWRtaW4="},"stringData":{"password":"s3cr3t","user":"root"}}
            """);
    ObjectNode expected =
        json(
            """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"default"},
             "type":"Opaque","data":{"user":"cm9vdA==","password":"czNjcjN0"}}
            """);
    assertThat(harness.defaulted(in)).isEqualTo(expected);
    assertThat(harness.cells(expected)).containsExactly("Opaque", 2L, "<unknown>");
    assertThat(strategy.selectableFields().get("type").apply(expected)).isEqualTo("Opaque");
  }

  @Test
  void dataMustBeBase64UnderConfigKeys() {
    ObjectNode bad = json("{\"metadata\":{\"name\":\"db\"},\"data\":{\"pass word\":\"c2VjcmV0\",\"token\":\"not*base64\"}}");
    assertThat(harness.errors(bad))
        .containsExactly(
            "data[pass word]: Invalid value: \"pass word\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
                + " (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "data[token]: Invalid value: \"<secret contents redacted>\": illegal base64 data at input byte 3");
  }

  @Test
  void wellKnownTypesNeedTheirKeys() {
    ObjectNode tls = json("{\"metadata\":{\"name\":\"cert\"},\"type\":\"kubernetes.io/tls\",\"data\":{\"tls.crt\":\"Y2VydA==\"}}");
    assertThat(harness.errors(tls)).containsExactly("data[tls.key]: Required value");
    ObjectNode token = json("{\"metadata\":{\"name\":\"t\"},\"type\":\"kubernetes.io/service-account-token\"}");
    assertThat(harness.errors(token)).containsExactly("metadata.annotations[kubernetes.io/service-account.name]: Required value");
  }

  @Test
  void theTypeNeverChangesAndImmutableDataStays() {
    ObjectNode stored = harness.create(json("{\"metadata\":{\"name\":\"db\"},\"immutable\":true,\"data\":{\"a\":\"YQ==\"}}")).stored();
    ObjectNode changed = stored.deepCopy();
    changed.put("type", "kubernetes.io/basic-auth");
    changed.withObject("/data").put("username", "dQ==");
    assertThat(harness.update(changed, stored).messages())
        .containsExactly(
            "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
            "data: Forbidden: field is immutable when `immutable` is set");
  }
}
