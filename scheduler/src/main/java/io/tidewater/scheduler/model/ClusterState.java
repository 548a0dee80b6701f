package io.tidewater.scheduler.model;

/**
 * One cluster's part in a workload's current placement.
 *
 * @param replicas the replicas currently assigned to the cluster
 * @param available of those, how many the member reports available
 * @param evicted the cluster was failed over: its replicas are re-placed elsewhere and must go
 *     once the replacements are available
 * @param retained an evicted cluster whose copies are kept until a person lets them go (purge
 *     mode Never): they neither count toward the desired total nor are removed
 * @param descheduled the workload's pods stayed unschedulable in this cluster: it takes no new
 *     replicas of it for a while
 */
public record ClusterState(int replicas, int available, boolean evicted, boolean retained, boolean descheduled) {
  public static final ClusterState NONE = new ClusterState(0, 0, false);

  public ClusterState {
    if (retained && !evicted) {
      throw new IllegalArgumentException("only an evicted cluster's copies can be retained");
    }
  }

  public ClusterState(int replicas, int available, boolean evicted) {
    this(replicas, available, evicted, false, false);
  }

  public ClusterState(int replicas, int available, boolean evicted, boolean retained) {
    this(replicas, available, evicted, retained, false);
  }

  /** This state, marked as descheduled, with at most {@code maxReplicas}. */
  public ClusterState descheduledTo(int maxReplicas) {
    int r = Math.min(replicas, maxReplicas);
    return new ClusterState(r, Math.min(available, r), evicted, retained, true);
  }
}
