package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.pods.PodConditions;
import io.tidewater.simulator.pods.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a ReplicaSet gives up first when it scales down, as Kubernetes'
 * {@code ActivePodsWithRanks}: unscheduled before scheduled, pending before running, not ready
 * before ready, lower {@code controller.kubernetes.io/pod-deletion-cost} first, pods doubled up on a
 * node before lone ones, ready for less time before more, more restarts before fewer, newer before
 * older. Deleting the least useful pods first is what keeps a rollout within maxUnavailable.
 */
final class PodDeletionOrder {
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private PodDeletionOrder() {}

  static List<ObjectNode> rank(List<ObjectNode> pods) {
    Map<String, Integer> perNode = new HashMap<>();
    for (ObjectNode p : pods) {
      if (Pods.isBound(p)) {
        perNode.merge(Pods.nodeName(p), 1, Integer::sum);
      }
    }
    Comparator<ObjectNode> order = Comparator
        .comparing((ObjectNode p) -> Pods.isBound(p))
        .thenComparingInt(p -> phaseRank(Pods.phase(p)))
        .thenComparing(Pods::isReady)
        .thenComparingLong(PodDeletionOrder::deletionCost)
        .thenComparing(Comparator.comparingInt((ObjectNode p) -> Pods.isBound(p) ? perNode.get(Pods.nodeName(p)) : 0).reversed())
        .thenComparing(Comparator.comparing(PodDeletionOrder::readySince, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed())
        .thenComparing(Comparator.comparingInt(Pods::restartCount).reversed())
        .thenComparing(Comparator.comparing(Pods::created).reversed())
        .thenComparing(p -> ObjectMetas.name(p));
    List<ObjectNode> sorted = new ArrayList<>(pods);
    sorted.sort(order);
    return sorted;
  }

  private static int phaseRank(String phase) {
    return switch (phase) {
      case "Pending" -> 0;
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 0;
    };
  }

  private static long deletionCost(ObjectNode p) {
    String v = ObjectMetas.annotation(p, DELETION_COST);
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** When a ready pod became ready; null for a pod that is not ready (sorted first). */
  private static Instant readySince(ObjectNode p) {
    return Pods.isReady(p) ? PodConditions.lastTransition(p, PodConditions.READY) : null;
  }
}
