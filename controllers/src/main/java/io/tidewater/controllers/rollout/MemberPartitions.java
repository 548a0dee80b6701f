package io.tidewater.controllers.rollout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a federated StatefulSet's {@code partition} into member partitions. In one cluster the
 * highest ordinals are updated first and {@code partition} replicas stay on the old revision; across
 * the fleet the members first in rollout order are updated first, so the old replicas are kept by
 * the members last in that order. The member partitions always sum to min(partition, replicas).
 */
final class MemberPartitions {
  private MemberPartitions() {}

  /** Member → replicas it keeps on the old revision (its own {@code partition}). */
  static Map<String, Integer> split(int partition, List<FleetRollout.MemberManifests> members) {
    Map<String, Integer> out = new LinkedHashMap<>();
    int left = Math.max(0, partition);
    for (int i = members.size() - 1; i >= 0; i--) {
      FleetRollout.MemberManifests m = members.get(i);
      int keep = Math.min(m.replicas(), left);
      out.put(m.cluster(), keep);
      left -= keep;
    }
    return out;
  }
}
