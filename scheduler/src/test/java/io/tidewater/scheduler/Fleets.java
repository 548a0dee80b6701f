package io.tidewater.scheduler;

import io.tidewater.scheduler.model.ClusterInfo;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.ClusterState;
import io.tidewater.scheduler.model.NodeClass;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.PodRequirements;
import io.tidewater.scheduler.model.Resources;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test fleets: clusters of identical 4-core nodes, and one-core replicas. */
final class Fleets {
  private Fleets() {}

  static final Resources ONE_CORE = Resources.cpuMemory(1000, 1L << 30);

  /** A ready cluster with room for {@code freeReplicas} one-core replicas (on 4-core nodes). */
  static ClusterSnapshot cluster(String name, String tier, int freeReplicas) {
    return cluster(name, tier, "zone-" + name, freeReplicas, true, 100);
  }

  static ClusterSnapshot cluster(String name, String tier, String zone, int freeReplicas, boolean ready, int watermark) {
    int nodes = (freeReplicas + 3) / 4;
    List<NodeClass> classes = new ArrayList<>();
    int full = freeReplicas / 4;
    int partial = freeReplicas % 4;
    Resources alloc = Resources.cpuMemory(4000, 16L << 30);
    if (full > 0) {
      classes.add(new NodeClass(Map.of("pool", "std"), List.of(), false, alloc, alloc, 110, full));
    }
    if (partial > 0) {
      classes.add(new NodeClass(Map.of("pool", "std"), List.of(), false, alloc, Resources.cpuMemory(partial * 1000L, 16L << 30), 110, 1));
    }
    Resources allocatable = alloc.times(Math.max(nodes, 1));
    Resources requested = allocatable.minus(Resources.cpuMemory(freeReplicas * 1000L, (long) freeReplicas << 30));
    return new ClusterSnapshot(
        new ClusterInfo(name, tier, "p", "r", zone, Map.of("tier", tier), List.of(), watermark, tier.equals("idc") ? 0.02 : 0.045),
        ready, allocatable, requested, classes);
  }

  static SchedulingRequest request(int replicas, Map<String, ClusterState> current) {
    return request(replicas, current, Placement.selfBuiltFirst(), SchedulingRequest.ComeHome.OFF);
  }

  static SchedulingRequest request(int replicas, Map<String, ClusterState> current, Placement placement, SchedulingRequest.ComeHome comeHome) {
    return new SchedulingRequest("apps/Deployment/shop/web", PodRequirements.of(ONE_CORE), replicas, placement, current, 0, comeHome);
  }

  /** Every assigned replica present and available. */
  static Map<String, ClusterState> settled(Map<String, Integer> targets) {
    Map<String, ClusterState> m = new HashMap<>();
    targets.forEach((k, v) -> m.put(k, new ClusterState(v, v, false)));
    return m;
  }
}
