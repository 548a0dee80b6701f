package io.tidewater.scheduler.framework;

import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.ClusterState;

/**
 * A cluster as the divide step sees it.
 *
 * @param tier index of the first tier that selects it; {@code tierCount} when none does
 * @param capacity more replicas that fit (0 unless it accepts new ones)
 * @param frozen unreachable: its replicas can be neither added nor removed now
 */
public record Candidate(ClusterSnapshot cluster, int tier, Admission admission, String reason, long capacity, ClusterState state, boolean frozen) {
  public String name() {
    return cluster.name();
  }

  public boolean accepts() {
    return admission == Admission.ACCEPTS && !frozen;
  }

  /** Replicas here must go: the cluster was failed over or left the placement. */
  public boolean draining() {
    return admission == Admission.EXCLUDED || state.evicted();
  }
}
