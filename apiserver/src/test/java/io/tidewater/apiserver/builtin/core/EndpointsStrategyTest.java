package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class EndpointsStrategyTest {
  private final StrategyHarness harness = new StrategyHarness(new EndpointsStrategy());

  @Test
  void defaultsProtocolsAndPrintsAtMostThreeEndpoints() {
    ObjectNode ep =
        json(
            """
            {"metadata":{"name":"web","namespace":"default"},"subsets":[{
              "addresses":[{"ip":"10.244.0.5"},{"ip":"10.244.1.6"},{"ip":"10.244.2.7"},{"ip":"10.244.3.8"}],
              "ports":[{"name":"http","port":8080}]}]}
            """);
    ObjectNode out = harness.defaulted(ep);
    assertThat(out.at("/subsets/0/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(harness.cells(out)).containsExactly("10.244.0.5:8080,10.244.1.6:8080,10.244.2.7:8080 + 1 more...", "<unknown>");
    assertThat(harness.cells(json("{\"metadata\":{\"name\":\"none\"}}")).get(0)).isEqualTo("<none>");
    assertThat(harness.errors(out)).isEmpty();
  }

  @Test
  void portsAreValidAndNamedWhenSeveral() {
    ObjectNode bad =
        json("{\"metadata\":{\"name\":\"web\"},\"subsets\":[{\"addresses\":[{}],\"ports\":[{\"port\":0},{\"name\":\"b\",\"port\":1,\"protocol\":\"ICMP\"}]}]}");
    assertThat(harness.errors(bad))
        .containsExactly(
            "subsets[0].addresses[0].ip: Required value",
            "subsets[0].ports[0].name: Required value",
            "subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "subsets[0].ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
  }
}
