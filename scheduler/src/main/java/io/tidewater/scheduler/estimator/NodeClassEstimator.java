package io.tidewater.scheduler.estimator;

import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.NodeClass;
import io.tidewater.scheduler.model.PodRequirements;

/**
 * The pre-scheduling estimate of Karmada's scheduler-estimator, on equivalence classes: the sum
 * over nodes the pod may run on of min(replicas that fit in every requested resource, pod slots
 * left). O(classes).
 */
public final class NodeClassEstimator {
  private NodeClassEstimator() {}

  public static long estimate(ClusterSnapshot cluster, PodRequirements pod) {
    long total = 0;
    for (NodeClass c : cluster.classes()) {
      if (c.count() <= 0 || !pod.admits(c)) {
        continue;
      }
      long perNode = Math.min(c.free().fits(pod.request()), Math.max(0, c.podsFree()));
      if (perNode <= 0) {
        continue;
      }
      total += perNode * c.count();
      if (total < 0) {
        return Long.MAX_VALUE;
      }
    }
    return total;
  }
}
