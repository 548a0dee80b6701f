package io.tidewater.scheduler;

import static io.tidewater.scheduler.Fleets.cluster;
import static io.tidewater.scheduler.Fleets.request;
import static io.tidewater.scheduler.Fleets.settled;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.ClusterState;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN §5 rules 1–6 on the acceptance fleet: two idc clusters with room for 20 each, two cloud clusters. */
class TieredSchedulingTest {
  private final Scheduler scheduler = Scheduler.withDefaults(Clock.systemUTC(), Duration.ofMinutes(5));

  private static List<ClusterSnapshot> fleet(int idcFree1, int idcFree2) {
    return List.of(cluster("idc-1", "idc", idcFree1), cluster("idc-2", "idc", idcFree2), cluster("cloud-1", "cloud", 100), cluster("cloud-2", "cloud", 100));
  }

  private static int tierTotal(Decision d, String prefix) {
    return d.targets().stream().filter(t -> t.cluster().startsWith(prefix)).mapToInt(Decision.Target::replicas).sum();
  }

  @Test
  void firstPlacementFillsSelfBuiltFirst() {
    Decision d = scheduler.decide(request(10, Map.of()), fleet(20, 20));
    assertThat(tierTotal(d, "idc")).isEqualTo(10);
    assertThat(tierTotal(d, "cloud")).isZero();
    assertThat(d.unschedulable()).isZero();
  }

  @Test
  void scaleOutOverflowsOnlyTheRemainderToCloud() {
    Map<String, Integer> ten = scheduler.decide(request(10, Map.of()), fleet(20, 20)).asMap();
    // the 10 now run in idc: idc has 30 left
    Decision d = scheduler.decide(request(60, settled(ten)), fleet(20 - ten.getOrDefault("idc-1", 0), 20 - ten.getOrDefault("idc-2", 0)));
    assertThat(tierTotal(d, "idc")).isEqualTo(40);
    assertThat(tierTotal(d, "cloud")).isEqualTo(20);
    assertThat(d.unschedulable()).isZero();
    // stability: the existing replicas did not move
    ten.forEach((c, n) -> assertThat(d.asMap().get(c)).isGreaterThanOrEqualTo(n));
  }

  @Test
  void scaleInDrainsTheDearestTierFirst() {
    Map<String, Integer> sixty = Map.of("idc-1", 20, "idc-2", 20, "cloud-1", 10, "cloud-2", 10);
    Decision d = scheduler.decide(request(15, settled(sixty)), fleet(0, 0));
    assertThat(tierTotal(d, "cloud")).isZero();
    assertThat(tierTotal(d, "idc")).isEqualTo(15);
  }

  @Test
  void scaleInWithinATierTakesFromTheClusterWithLeastHeadroom() {
    Map<String, Integer> cur = Map.of("idc-1", 10, "idc-2", 10);
    Decision d = scheduler.decide(request(15, settled(cur)), fleet(1, 8));
    assertThat(d.asMap()).containsEntry("idc-1", 5).containsEntry("idc-2", 10);
  }

  @Test
  void remainderThatFitsNowhereIsReportedNotDropped() {
    List<ClusterSnapshot> small = List.of(cluster("idc-1", "idc", 5), cluster("cloud-1", "cloud", 3));
    Decision d = scheduler.decide(request(20, Map.of()), small);
    assertThat(d.total()).isEqualTo(8);
    assertThat(d.unschedulable()).isEqualTo(12);
    assertThat(d.message()).contains("12 replica(s) fit in no cluster");
  }

  @Test
  void rescheduleWithUnchangedInputsMovesNothing() {
    Map<String, Integer> cur = Map.of("idc-1", 20, "idc-2", 20, "cloud-1", 12, "cloud-2", 8);
    Decision d = scheduler.decide(request(60, settled(cur)), fleet(0, 0));
    assertThat(d.asMap()).isEqualTo(cur);
  }

  @Test
  void comeHomeSurgesIntoIdcFirstAndRemovesCloudCopiesOnlyOnceTheyAreAvailable() {
    SchedulingRequest.ComeHome ch = new SchedulingRequest.ComeHome(true, 5, 1);
    Map<String, Integer> cur = new HashMap<>(Map.of("idc-1", 20, "idc-2", 20, "cloud-1", 10, "cloud-2", 10));
    // idc frees 12 slots in idc-1
    Decision surge = scheduler.decide(request(60, settled(cur), Placement.selfBuiltFirst(), ch), fleet(12, 0));
    assertThat(tierTotal(surge, "idc")).isEqualTo(45); // one step of 5, cloud untouched
    assertThat(tierTotal(surge, "cloud")).isEqualTo(20);
    assertThat(surge.message()).contains("coming home");

    // the 5 new idc replicas are not available yet: nothing leaves cloud
    Map<String, ClusterState> starting = new HashMap<>(settled(cur));
    starting.put("idc-1", new ClusterState(25, 20, false));
    Decision waiting = scheduler.decide(request(60, starting, Placement.selfBuiltFirst(), ch), fleet(7, 0));
    assertThat(tierTotal(waiting, "cloud")).isEqualTo(20);
    assertThat(waiting.total()).isEqualTo(65);

    // once available, exactly the surge leaves cloud, and availability never dips below 60
    starting.put("idc-1", new ClusterState(25, 25, false));
    Decision done = scheduler.decide(request(60, starting, Placement.selfBuiltFirst(), ch), fleet(7, 0));
    assertThat(done.total()).isEqualTo(60);
    assertThat(tierTotal(done, "idc")).isEqualTo(45);
    assertThat(tierTotal(done, "cloud")).isEqualTo(15);
  }

  @Test
  void comeHomeWaitsWhileAnythingIsUnavailableAndKeepsAMargin() {
    SchedulingRequest.ComeHome ch = new SchedulingRequest.ComeHome(true, 5, 3);
    Map<String, Integer> cur = Map.of("idc-1", 20, "idc-2", 20, "cloud-1", 10, "cloud-2", 10);
    Map<String, ClusterState> rolling = new HashMap<>(settled(cur));
    rolling.put("cloud-1", new ClusterState(10, 9, false));
    assertThat(scheduler.decide(request(60, rolling, Placement.selfBuiltFirst(), ch), fleet(12, 0)).asMap()).isEqualTo(cur);
    // only 3 free in idc and a margin of 3: hysteresis keeps it put
    assertThat(scheduler.decide(request(60, settled(cur), Placement.selfBuiltFirst(), ch), fleet(3, 0)).asMap()).isEqualTo(cur);
  }

  @Test
  void aComeHomeStepIsNotUndoneWhileTheCloudCopiesItReplacesAreUnreachable() {
    // 8 new copies are starting in idc-1 (come home); cloud-1 is not reachable yet (just after a
    // restart): its 10 cannot go now, and idc-1's unavailable new ones must not go in their place.
    Map<String, ClusterState> cur = new HashMap<>(settled(Map.of("idc-2", 20, "cloud-1", 10)));
    cur.put("idc-1", new ClusterState(8, 0, false));
    List<ClusterSnapshot> cloudDown = List.of(
        cluster("idc-1", "idc", 12), cluster("idc-2", "idc", 0), cluster("cloud-1", "cloud", "z1", 0, false, 100), cluster("cloud-2", "cloud", 100));
    Decision d = scheduler.decide(request(30, cur), cloudDown);
    assertThat(d.asMap()).containsEntry("idc-1", 8).containsEntry("idc-2", 20).containsEntry("cloud-1", 10);
    assertThat(d.message()).contains("waiting for cloud-1 to be reachable");
  }

  @Test
  void failoverReplacesAnUnreachableClustersReplicasAndDrainsThemOnlyAfterReplacementsAreAvailable() {
    Map<String, ClusterState> cur = new HashMap<>(settled(Map.of("idc-1", 20, "idc-2", 20, "cloud-1", 10, "cloud-2", 10)));
    cur.put("idc-1", new ClusterState(20, 0, true));
    List<ClusterSnapshot> down = List.of(
        cluster("idc-1", "idc", "z1", 0, false, 100), cluster("idc-2", "idc", 0), cluster("cloud-1", "cloud", 100), cluster("cloud-2", "cloud", 100));
    Decision d = scheduler.decide(request(60, cur), down);
    assertThat(d.asMap().get("idc-1")).isEqualTo(20); // frozen while unreachable
    assertThat(tierTotal(d, "cloud")).isEqualTo(40); // replacements
    assertThat(d.unschedulable()).isZero();

    // it comes back before the replacements are available: the stale copies stay
    Map<String, ClusterState> back = new HashMap<>();
    back.put("idc-1", new ClusterState(20, 20, true));
    back.put("idc-2", new ClusterState(20, 20, false));
    back.put("cloud-1", new ClusterState(20, 10, false));
    back.put("cloud-2", new ClusterState(20, 10, false));
    Decision early = scheduler.decide(request(60, back), fleet(0, 0));
    assertThat(early.asMap().get("idc-1")).isEqualTo(20);

    back.put("cloud-1", new ClusterState(20, 20, false));
    back.put("cloud-2", new ClusterState(20, 20, false));
    Decision later = scheduler.decide(request(60, back), fleet(0, 0));
    assertThat(later.asMap().get("idc-1")).isZero();
    assertThat(later.total()).isEqualTo(60);
  }

  @Test
  void purgeModeImmediatelyDropsTheReturnedClustersCopiesAtOnce() {
    // Immediately: the failed-over cluster's copies count as unavailable, so nothing waits for them
    Map<String, ClusterState> back = new HashMap<>(settled(Map.of("idc-2", 20)));
    back.put("idc-1", new ClusterState(20, 0, true));
    back.put("cloud-1", new ClusterState(20, 10, false));
    back.put("cloud-2", new ClusterState(20, 10, false));
    Decision d = scheduler.decide(request(60, back), fleet(0, 0));
    assertThat(d.asMap().getOrDefault("idc-1", 0)).isZero();
    assertThat(tierTotal(d, "cloud")).isEqualTo(40);
  }

  @Test
  void purgeModeNeverKeepsTheCopiesOutsideTheDesiredTotalAndDoesNotBlockScaling() {
    Map<String, ClusterState> back = new HashMap<>(settled(Map.of("idc-2", 20, "cloud-1", 20, "cloud-2", 20)));
    back.put("idc-1", new ClusterState(20, 20, true, true));
    Decision d = scheduler.decide(request(60, back), fleet(0, 0));
    assertThat(d.asMap().get("idc-1")).isEqualTo(20);
    assertThat(tierTotal(d, "cloud")).isEqualTo(40);

    // a scale-in still happens among the active clusters, dearest first, and ignores the kept copies' availability
    Decision in = scheduler.decide(request(30, back), fleet(0, 0));
    assertThat(in.asMap().get("idc-1")).isEqualTo(20);
    assertThat(in.asMap().get("idc-2")).isEqualTo(20);
    assertThat(tierTotal(in, "cloud")).isEqualTo(10);
  }

  @Test
  void twoDecisionsInTheSameInstantNeverOverCommitACluster() {
    List<ClusterSnapshot> f = List.of(cluster("idc-1", "idc", 20), cluster("cloud-1", "cloud", 100));
    SchedulingRequest a = new SchedulingRequest("a", io.tidewater.scheduler.model.PodRequirements.of(Fleets.ONE_CORE), 15, Placement.selfBuiltFirst(), Map.of(), 0, SchedulingRequest.ComeHome.OFF);
    SchedulingRequest b = new SchedulingRequest("b", io.tidewater.scheduler.model.PodRequirements.of(Fleets.ONE_CORE), 15, Placement.selfBuiltFirst(), Map.of(), 0, SchedulingRequest.ComeHome.OFF);
    Decision da = scheduler.schedule(a, f);
    Decision db = scheduler.schedule(b, f); // same snapshot: the first decision's pods are not visible yet
    assertThat(da.asMap().getOrDefault("idc-1", 0) + db.asMap().getOrDefault("idc-1", 0)).isEqualTo(20);
    assertThat(da.total() + db.total()).isEqualTo(30);
  }

  @Test
  void reservationsAreReleasedOnceObserved() {
    List<ClusterSnapshot> f = List.of(cluster("idc-1", "idc", 20));
    scheduler.schedule(new SchedulingRequest("a", io.tidewater.scheduler.model.PodRequirements.of(Fleets.ONE_CORE), 15, Placement.selfBuiltFirst(), Map.of(), 0, SchedulingRequest.ComeHome.OFF), f);
    assertThat(scheduler.ledger().pending("idc-1", "a")).isEqualTo(15);
    scheduler.ledger().setPending("idc-1", "a", 0, Fleets.ONE_CORE, java.time.Instant.now());
    // the member now shows the 15 pods: its snapshot has 5 left
    Decision b = scheduler.decide(new SchedulingRequest("b", io.tidewater.scheduler.model.PodRequirements.of(Fleets.ONE_CORE), 10, Placement.selfBuiltFirst(), Map.of(), 0, SchedulingRequest.ComeHome.OFF), List.of(cluster("idc-1", "idc", 5)));
    assertThat(b.total()).isEqualTo(5);
  }

  @Test
  void watermarkKeepsNewWorkloadsOutButLetsExistingOnesScale() {
    ClusterSnapshot full = cluster("idc-1", "idc", "z", 20, true, 10); // room for 20, but a 10% watermark
    Decision fresh = scheduler.decide(request(5, Map.of()), List.of(full, cluster("cloud-1", "cloud", 100)));
    assertThat(fresh.asMap()).doesNotContainKey("idc-1");
    Decision existing = scheduler.decide(request(10, settled(Map.of("idc-1", 5))), List.of(full, cluster("cloud-1", "cloud", 100)));
    assertThat(existing.asMap().get("idc-1")).isEqualTo(10);
  }
}
