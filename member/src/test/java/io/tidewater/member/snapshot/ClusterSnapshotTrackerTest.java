package io.tidewater.member.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.api.snapshot.ClusterSnapshot;
import io.tidewater.api.snapshot.FreeCapacity;
import io.tidewater.api.snapshot.NodeClass;
import io.tidewater.api.snapshot.ResourceAmounts;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Node classes, free capacity and totals, kept up to date event by event. */
class ClusterSnapshotTrackerTest {
  private static final long GI = 1024L * 1024 * 1024;

  TestMemberCluster member;
  MemberConnector connector;

  @BeforeEach
  void start() throws Exception {
    member = TestMemberCluster.start("snap");
    for (String n : new String[] {"a1", "a2", "a3"}) {
      member.create(TestMemberCluster.NODES, TestObjects.node(n, "8", "32Gi", 110, Map.of("pool", "a"), true));
    }
    member.create(TestMemberCluster.NODES, TestObjects.gpuNode("g1", "16", "64Gi", 110, 4, "NVIDIA-A100-SXM4-80GB"));
    member.create(TestMemberCluster.NODES, TestObjects.node("down1", "8", "32Gi", 110, Map.of("pool", "a"), false));
    connector = MemberConnector.connect("snap", member.connection(), ConnectorOptions.defaults());
  }

  @AfterEach
  void stop() {
    connector.close();
    member.close();
  }

  private ClusterSnapshot awaitSnapshot(Predicate<ClusterSnapshot> condition) {
    return await().atMost(Duration.ofSeconds(20)).until(connector::snapshot, s -> s.synced() && condition.test(s));
  }

  private static NodeClass classWith(ClusterSnapshot s, String label, String value, boolean ready) {
    return s.nodeClasses().stream().filter(c -> value.equals(c.labels().get(label)) && c.ready() == ready).findFirst().orElseThrow();
  }

  @Test
  void groupsNodesIntoClassesAndSumsReadyCapacity() {
    ClusterSnapshot s = awaitSnapshot(x -> x.totals().nodes() == 5);
    assertThat(s.nodeClasses()).hasSize(3);
    NodeClass a = classWith(s, "pool", "a", true);
    assertThat(a.nodes()).isEqualTo(3);
    assertThat(a.schedulable()).isTrue();
    assertThat(a.labels()).doesNotContainKey("kubernetes.io/hostname");
    assertThat(a.allocatable().get("cpu")).isEqualTo(8000);
    assertThat(a.free().get("cpu")).isEqualTo(24000);
    assertThat(a.freeByNode()).containsExactly(new FreeCapacity(a.allocatable(), 3));
    assertThat(classWith(s, "pool", "a", false).schedulable()).isFalse();

    assertThat(s.totals().readyNodes()).isEqualTo(4);
    assertThat(s.totals().allocatable().get("cpu")).isEqualTo(3 * 8000 + 16000);
    assertThat(s.totals().allocatable().get("memory")).isEqualTo(3 * 32 * GI + 64 * GI);
    assertThat(s.totals().allocatable().get("pods")).isEqualTo(4 * 110);
    assertThat(s.gpus()).singleElement().satisfies(g -> {
      assertThat(g.type()).isEqualTo("NVIDIA-A100-SXM4-80GB");
      assertThat(g.total()).isEqualTo(4);
      assertThat(g.allocated()).isZero();
    });
  }

  @Test
  void followsPodsAndNodesIncrementally() {
    awaitSnapshot(x -> x.totals().nodes() == 5);
    member.create(TestMemberCluster.PODS, TestObjects.pod("default", "p1", "a1", "500m", "1Gi"));
    member.create(TestMemberCluster.PODS, TestObjects.pod("default", "pending", null, "1", "2Gi"));
    member.create(TestMemberCluster.PODS, TestObjects.withGpus(TestObjects.pod("default", "train", "g1", "4", "8Gi"), 2));

    ClusterSnapshot s = awaitSnapshot(x -> x.totals().pods() == 2 && x.totals().pendingPods() == 1);
    NodeClass a = classWith(s, "pool", "a", true);
    assertThat(a.requested().get("cpu")).isEqualTo(500);
    assertThat(a.requested().get("pods")).isEqualTo(1);
    assertThat(a.freeByNode()).containsExactlyInAnyOrder(
        new FreeCapacity(a.allocatable(), 2),
        new FreeCapacity(a.allocatable().minus(ResourceAmounts.of(Map.of("cpu", 500L, "memory", GI, "pods", 1L))), 1));
    assertThat(s.totals().allocating()).isEqualTo(ResourceAmounts.of(Map.of("cpu", 1000L, "memory", 2 * GI, "pods", 1L)));
    assertThat(s.totals().requested().get("cpu")).isEqualTo(4500);
    assertThat(s.gpus().get(0).allocated()).isEqualTo(2);

    // Binding the pending pod moves its requests from allocating to its node.
    member.update(TestMemberCluster.PODS, "default", "pending", p -> {
      p.with("spec").put("nodeName", "a2");
      return p;
    });
    s = awaitSnapshot(x -> x.totals().pendingPods() == 0);
    assertThat(s.totals().allocating().isEmpty()).isTrue();
    assertThat(classWith(s, "pool", "a", true).requested().get("cpu")).isEqualTo(1500);

    // A finished pod frees its node; a deleted one too.
    member.updateStatus(TestMemberCluster.PODS, "default", "p1", p -> {
      p.with("status").put("phase", "Succeeded");
      return p;
    });
    member.delete(TestMemberCluster.PODS, "default", "train");
    s = awaitSnapshot(x -> x.totals().pods() == 1 && x.gpus().get(0).allocated() == 0);
    assertThat(classWith(s, "pool", "a", true).requested().get("cpu")).isEqualTo(1000);

    // Nodes come and go, and a relabelled node changes class.
    member.create(TestMemberCluster.NODES, TestObjects.node("a4", "8", "32Gi", 110, Map.of("pool", "a"), true));
    member.delete(TestMemberCluster.NODES, null, "a3");
    member.update(TestMemberCluster.NODES, null, "a1", n -> {
      n.with("metadata").with("labels").put("pool", "b");
      return n;
    });
    s = awaitSnapshot(x -> x.nodeClasses().stream().anyMatch(c -> "b".equals(c.labels().get("pool"))) && x.totals().nodes() == 5);
    assertThat(classWith(s, "pool", "a", true).nodes()).isEqualTo(2);
    assertThat(classWith(s, "pool", "a", true).requested().get("cpu")).isEqualTo(1000);
    assertThat(classWith(s, "pool", "b", true).nodes()).isEqualTo(1);

    // Built from scratch, the same state gives the same snapshot.
    ClusterSnapshot incremental = s;
    try (MemberConnector fresh = MemberConnector.connect("snap", member.connection(), ConnectorOptions.defaults())) {
      ClusterSnapshot rebuilt = await().atMost(Duration.ofSeconds(20)).until(fresh::snapshot, ClusterSnapshot::synced);
      assertThat(rebuilt.nodeClasses()).isEqualTo(incremental.nodeClasses());
      assertThat(rebuilt.totals()).isEqualTo(incremental.totals());
      assertThat(rebuilt.gpus()).isEqualTo(incremental.gpus());
    }
  }
}
