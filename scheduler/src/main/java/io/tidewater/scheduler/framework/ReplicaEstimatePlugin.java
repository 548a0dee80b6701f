package io.tidewater.scheduler.framework;

import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;

/**
 * Extension point "estimate": how many more replicas of the workload fit in the cluster now. The
 * framework takes the minimum over all estimate plugins.
 */
public interface ReplicaEstimatePlugin {
  String name();

  long estimate(SchedulingRequest request, ClusterSnapshot cluster);
}
