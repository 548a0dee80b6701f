package io.tidewater.simulator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.pods.PodConditions;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.testing.ClusterFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSchedulerTest {
  private static final String HUGE = """
      apiVersion: v1
      kind: Pod
      metadata: {name: huge, namespace: default}
      spec:
        containers: [{name: a, image: "nginx:1.27", resources: {requests: {cpu: '24', memory: 1Gi}}}]
      """;

  @Test
  void aPodThatFitsNowhereStaysPendingUntilCapacityIsAdded() throws Exception {
    SimulatedClusterSpec spec = SimulatedClusterSpec.of(NodePoolSpec.of("small", 2, "8", "32Gi")).withPodTimings(PodTimings.FAST);
    try (ClusterFixture f = ClusterFixture.start("sched", spec)) {
      f.create(f.pods(), HUGE);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ObjectNode scheduled = PodConditions.get(f.get(f.pods(), "default", "huge"), PodConditions.POD_SCHEDULED);
        assertThat(scheduled).isNotNull();
        assertThat(scheduled.path("status").asText()).isEqualTo("False");
        assertThat(scheduled.path("reason").asText()).isEqualTo("Unschedulable");
        assertThat(scheduled.path("message").asText()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
      });
      Thread.sleep(300);
      ObjectNode pending = f.get(f.pods(), "default", "huge");
      assertThat(Pods.isBound(pending)).isFalse();
      assertThat(Pods.phase(pending)).isEqualTo("Pending");

      f.cluster().update(spec.withPools(List.of(NodePoolSpec.of("small", 2, "8", "32Gi"), NodePoolSpec.of("large", 1, "32", "128Gi"))));

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ObjectNode pod = f.get(f.pods(), "default", "huge");
        assertThat(Pods.nodeName(pod)).isEqualTo("sched-large-0");
        assertThat(PodConditions.isTrue(pod, PodConditions.POD_SCHEDULED)).isTrue();
        assertThat(Pods.isReady(pod)).isTrue();
      });
    }
  }

  @Test
  void aDeletedPodFreesItsNodeForAPendingOne() throws Exception {
    SimulatedClusterSpec spec = SimulatedClusterSpec.of(NodePoolSpec.of("one", 1, "4", "8Gi")).withPodTimings(PodTimings.FAST);
    try (ClusterFixture f = ClusterFixture.start("free", spec)) {
      f.create(f.pods(), HUGE.replace("name: huge", "name: first").replace("'24'", "'3'"));
      await().atMost(Duration.ofSeconds(10)).until(() -> Pods.isReady(f.get(f.pods(), "default", "first")));
      f.create(f.pods(), HUGE.replace("name: huge", "name: second").replace("'24'", "'3'"));
      await().atMost(Duration.ofSeconds(10)).until(() ->
          "Unschedulable".equals(PodConditions.get(f.get(f.pods(), "default", "second"), PodConditions.POD_SCHEDULED).path("reason").asText()));
      f.pods().delete("default", "first", io.tidewater.apiserver.storage.DeleteOptions.DEFAULT);
      await().atMost(Duration.ofSeconds(10)).until(() -> Pods.isReady(f.get(f.pods(), "default", "second")));
      assertThat(Pods.nodeName(f.get(f.pods(), "default", "second"))).isEqualTo("free-one-0");
    }
  }
}
