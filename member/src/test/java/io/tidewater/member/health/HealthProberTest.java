package io.tidewater.member.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.testing.TestMemberCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** /readyz probes turn a member NotReady when it stops answering and Ready when it is back. */
class HealthProberTest {

  @Test
  void flipsNotReadyWhenTheMemberStopsAndReadyWhenItReturns() throws Exception {
    HealthProbeOptions fast = new HealthProbeOptions(Duration.ofMillis(200), Duration.ofSeconds(1), 1);
    try (TestMemberCluster member = TestMemberCluster.start("health");
        MemberConnector connector = MemberConnector.connect("health", member.connection(), ConnectorOptions.defaults().withHealth(fast))) {
      List<MemberHealth> transitions = new CopyOnWriteArrayList<>();
      connector.health().addListener((cluster, before, after) -> transitions.add(after));

      await().atMost(Duration.ofSeconds(10)).until(() -> connector.currentHealth().isReady());
      MemberHealth ready = connector.currentHealth();
      assertThat(ready.reason()).isEqualTo("ReadyzOk");
      assertThat(ready.kubernetesVersion()).startsWith("v1.");
      assertThat(ready.lastProbeTime()).isNotNull();

      member.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> connector.currentHealth().state() == MemberHealth.State.NOT_READY);
      MemberHealth down = connector.currentHealth();
      // A stopping server first answers /readyz with 500, then stops answering at all.
      assertThat(down.reason()).isIn("ReadyzFailed", "Unreachable");
      assertThat(down.lastTransitionTime()).isAfterOrEqualTo(ready.lastProbeTime());

      // Probing continues while the member is down: the last probe time moves on.
      await().atMost(Duration.ofSeconds(10)).until(() -> connector.currentHealth().lastProbeTime().isAfter(down.lastProbeTime()));

      member.restart();
      await().atMost(Duration.ofSeconds(10)).until(() -> connector.currentHealth().isReady());
      assertThat(transitions).extracting(MemberHealth::state)
          .containsSubsequence(MemberHealth.State.READY, MemberHealth.State.NOT_READY, MemberHealth.State.READY);
    }
  }
}
