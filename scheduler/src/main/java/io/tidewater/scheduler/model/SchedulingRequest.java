package io.tidewater.scheduler.model;

import java.util.Map;

/**
 * One placement decision to make.
 *
 * @param key identifies the workload (for reservations), e.g. {@code apps/Deployment/ns/name}
 * @param replicas desired replicas R
 * @param current each cluster's current share, available count and eviction mark
 * @param maxSurge extra replicas a move may run above R (resolved, rounded up)
 * @param comeHome whether to move replicas from dearer to cheaper tiers when there is room
 */
public record SchedulingRequest(
    String key, PodRequirements pod, int replicas, Placement placement, Map<String, ClusterState> current, int maxSurge, ComeHome comeHome) {

  /**
   * Come-home tuning: at most {@code maxStep} replicas per decision, and only when the cheaper
   * tier keeps at least {@code margin} replicas of headroom afterwards (hysteresis).
   */
  public record ComeHome(boolean enabled, int maxStep, int margin) {
    public static final ComeHome OFF = new ComeHome(false, 0, 0);
  }

  public ClusterState state(String cluster) {
    return current.getOrDefault(cluster, ClusterState.NONE);
  }
}
