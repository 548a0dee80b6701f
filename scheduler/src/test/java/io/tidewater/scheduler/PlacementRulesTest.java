package io.tidewater.scheduler;

import static io.tidewater.scheduler.Fleets.cluster;
import static io.tidewater.scheduler.Fleets.settled;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.scheduler.model.ClusterInfo;
import io.tidewater.scheduler.model.ClusterSelector;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.NodeClass;
import io.tidewater.scheduler.model.NodeSelectorRequirement;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.PodRequirements;
import io.tidewater.scheduler.model.Resources;
import io.tidewater.scheduler.model.SchedulingRequest;
import io.tidewater.scheduler.model.Taint;
import io.tidewater.scheduler.model.Toleration;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementRulesTest {
  private final Scheduler scheduler = Scheduler.withDefaults(Clock.systemUTC(), Duration.ofMinutes(5));

  private static Placement placement(Placement.Division d, List<Placement.SpreadConstraint> spread, List<Placement.StaticWeight> weights) {
    Placement p = Placement.selfBuiltFirst();
    return new Placement(p.affinity(), List.of(), p.tiers(), spread, d, weights);
  }

  private static SchedulingRequest req(int replicas, Placement p) {
    return new SchedulingRequest("w", PodRequirements.of(Fleets.ONE_CORE), replicas, p, Map.of(), 0, SchedulingRequest.ComeHome.OFF);
  }

  @Test
  void spreadConstraintsComeBeforeTierOrder() {
    // Aggregated would put all 10 in idc-1; "at least 2 clusters" forces a second one.
    Placement p = placement(Placement.Division.AGGREGATED, List.of(new Placement.SpreadConstraint("cluster", 2, 0)), List.of());
    Decision d = scheduler.decide(req(10, p), List.of(cluster("idc-1", "idc", 20), cluster("idc-2", "idc", 20), cluster("cloud-1", "cloud", 50)));
    assertThat(d.targets().stream().filter(t -> t.replicas() > 0)).hasSize(2);
    assertThat(d.asMap()).doesNotContainKey("cloud-1");
  }

  @Test
  void spreadByZoneReachesIntoCloudWhenIdcHasOneZone() {
    Placement p = placement(Placement.Division.AGGREGATED, List.of(new Placement.SpreadConstraint("zone", 2, 0)), List.of());
    List<ClusterSnapshot> f = List.of(cluster("idc-1", "idc", "z-a", 20, true, 100), cluster("idc-2", "idc", "z-a", 20, true, 100), cluster("cloud-1", "cloud", "z-b", 50, true, 100));
    Decision d = scheduler.decide(req(10, p), f);
    assertThat(d.asMap().get("cloud-1")).isEqualTo(1);
    assertThat(d.total()).isEqualTo(10);
  }

  @Test
  void maxGroupsLimitsTheClustersUsed() {
    Placement p = placement(Placement.Division.WEIGHTED_DYNAMIC, List.of(new Placement.SpreadConstraint("cluster", 1, 1)), List.of());
    Decision d = scheduler.decide(req(30, p), List.of(cluster("idc-1", "idc", 20), cluster("idc-2", "idc", 20), cluster("cloud-1", "cloud", 50)));
    assertThat(d.targets().stream().filter(t -> t.replicas() > 0)).hasSize(1);
    assertThat(d.unschedulable()).isEqualTo(10);
  }

  @Test
  void weightedDynamicSplitsATierByAvailableCapacity() {
    Decision d = scheduler.decide(req(12, Placement.selfBuiltFirst()), List.of(cluster("idc-1", "idc", 30), cluster("idc-2", "idc", 10)));
    assertThat(d.asMap()).containsEntry("idc-1", 9).containsEntry("idc-2", 3);
  }

  @Test
  void staticWeightsSplitByWeight() {
    Placement p = placement(Placement.Division.WEIGHTED_STATIC, List.of(),
        List.of(new Placement.StaticWeight(ClusterSelector.names("idc-1"), 1), new Placement.StaticWeight(ClusterSelector.names("idc-2"), 3)));
    Decision d = scheduler.decide(req(8, p), List.of(cluster("idc-1", "idc", 30), cluster("idc-2", "idc", 30)));
    assertThat(d.asMap()).containsEntry("idc-1", 2).containsEntry("idc-2", 6);
  }

  @Test
  void duplicatedRunsAllReplicasEverywhere() {
    Placement p = placement(Placement.Division.DUPLICATED, List.of(), List.of());
    Decision d = scheduler.decide(req(3, p), List.of(cluster("idc-1", "idc", 30), cluster("cloud-1", "cloud", 30)));
    assertThat(d.asMap()).containsEntry("idc-1", 3).containsEntry("cloud-1", 3);
  }

  @Test
  void affinityExcludedClustersDrainOnceReplacementsAreAvailable() {
    Placement onlyCloud = new Placement(new ClusterSelector(Map.of(), List.of(), List.of(new NodeSelectorRequirement("tier", "In", List.of("cloud"))), Set.of(), Set.of()),
        List.of(), Placement.selfBuiltFirst().tiers(), List.of(), Placement.Division.WEIGHTED_DYNAMIC, List.of());
    SchedulingRequest r = new SchedulingRequest("w", PodRequirements.of(Fleets.ONE_CORE), 4, onlyCloud, settled(Map.of("idc-1", 4)), 0, SchedulingRequest.ComeHome.OFF);
    Decision d = scheduler.decide(r, List.of(cluster("idc-1", "idc", 20), cluster("cloud-1", "cloud", 20)));
    assertThat(d.asMap()).containsEntry("cloud-1", 4).containsEntry("idc-1", 4);
  }

  @Test
  void untoleratedNoScheduleTaintKeepsNewReplicasAway() {
    ClusterSnapshot tainted = withTaint(cluster("idc-1", "idc", 20), new Taint("maintenance", "", "NoSchedule"));
    Decision d = scheduler.decide(req(5, Placement.selfBuiltFirst()), List.of(tainted, cluster("cloud-1", "cloud", 20)));
    assertThat(d.asMap()).containsEntry("cloud-1", 5).doesNotContainKey("idc-1");
    Placement tolerant = new Placement(ClusterSelector.ANY, List.of(new Toleration("maintenance", "Exists", null, "NoSchedule")),
        Placement.selfBuiltFirst().tiers(), List.of(), Placement.Division.WEIGHTED_DYNAMIC, List.of());
    assertThat(scheduler.decide(req(5, tolerant), List.of(tainted, cluster("cloud-1", "cloud", 20))).asMap()).containsEntry("idc-1", 5);
  }

  @Test
  void nodeSelectorAndGpuRequestsOnlyCountMatchingNodes() {
    Resources gpuNode = Resources.of(Map.of(Resources.CPU, 32000L, Resources.MEMORY, 256L << 30, Resources.GPU, 8L));
    Resources cpuNode = Resources.cpuMemory(32000, 128L << 30);
    ClusterSnapshot c = new ClusterSnapshot(
        new ClusterInfo("idc-1", "idc", "", "", "", Map.of(), List.of(), 100, 0.02), true, gpuNode.times(2).plus(cpuNode.times(10)), Resources.NONE,
        List.of(new NodeClass(Map.of("gpu", "a100"), List.of(), false, gpuNode, gpuNode, 110, 2),
            new NodeClass(Map.of(), List.of(), false, cpuNode, cpuNode, 110, 10)));
    PodRequirements gpuPod = new PodRequirements(Resources.of(Map.of(Resources.CPU, 4000L, Resources.GPU, 2L)), Map.of("gpu", "a100"), List.of(), List.of());
    SchedulingRequest r = new SchedulingRequest("g", gpuPod, 20, Placement.selfBuiltFirst(), Map.of(), 0, SchedulingRequest.ComeHome.OFF);
    Decision d = scheduler.decide(r, List.of(c));
    assertThat(d.total()).isEqualTo(8); // 2 nodes x 4 (8 GPUs / 2 each)
    assertThat(d.unschedulable()).isEqualTo(12);
  }

  private static ClusterSnapshot withTaint(ClusterSnapshot s, Taint t) {
    ClusterInfo i = s.info();
    return new ClusterSnapshot(new ClusterInfo(i.name(), i.tier(), i.provider(), i.region(), i.zone(), i.labels(), List.of(t), i.watermarkPercent(), i.costPerCpuHour()),
        s.ready(), s.allocatable(), s.requested(), s.classes());
  }
}
