package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.framework.ClusterFilter;
import io.tidewater.scheduler.framework.FilterResult;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;

/** Clusters outside the placement's clusterAffinity are not candidates; replicas there must leave. */
public final class ClusterAffinityFilter implements ClusterFilter {
  @Override
  public String name() {
    return "ClusterAffinity";
  }

  @Override
  public FilterResult filter(SchedulingRequest request, ClusterSnapshot cluster) {
    return request.placement().affinity().matches(cluster.info())
        ? FilterResult.ACCEPT
        : FilterResult.excluded("not selected by the placement's clusterAffinity");
  }
}
