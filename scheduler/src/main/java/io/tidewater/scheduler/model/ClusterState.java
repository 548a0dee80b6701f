package io.tidewater.scheduler.model;

/**
 * One cluster's part in a workload's current placement.
 *
 * @param replicas the replicas currently assigned to the cluster
 * @param available of those, how many the member reports available
 * @param evicted the cluster was failed over: its replicas must go once replacements are available
 */
public record ClusterState(int replicas, int available, boolean evicted) {
  public static final ClusterState NONE = new ClusterState(0, 0, false);
}
