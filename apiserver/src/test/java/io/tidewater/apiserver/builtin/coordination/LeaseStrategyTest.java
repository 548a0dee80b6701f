package io.tidewater.apiserver.builtin.coordination;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class LeaseStrategyTest {
  private final StrategyHarness harness = new StrategyHarness(new LeaseStrategy());

  @Test
  void printsTheHolderAndChecksDurations() {
    ObjectNode lease =
        json(
            """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"tidewater-scheduler","namespace":"tidewater-system"},
             "spec":{"holderIdentity":"tidewater-0_1f2e","leaseDurationSeconds":15,"leaseTransitions":2,"renewTime":"2024-01-01T00:00:00.000000Z"}}
            """);
    assertThat(harness.defaulted(lease)).isEqualTo(lease);
    assertThat(harness.errors(lease)).isEmpty();
    assertThat(harness.cells(lease)).containsExactly("tidewater-0_1f2e", "<unknown>");
    ObjectNode bad = lease.deepCopy();
    bad.withObject("/spec").put("leaseDurationSeconds", 0).put("leaseTransitions", -1);
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
            "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0");
    assertThat(harness.cell(json("{\"metadata\":{\"name\":\"free\"}}"), "Holder")).isEqualTo("");
  }
}
