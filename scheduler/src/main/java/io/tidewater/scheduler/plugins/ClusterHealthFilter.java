package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.framework.ClusterFilter;
import io.tidewater.scheduler.framework.FilterResult;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;

/** A cluster that is not Ready takes no new replicas; failing over is the eviction's job, not the filter's. */
public final class ClusterHealthFilter implements ClusterFilter {
  @Override
  public String name() {
    return "ClusterHealth";
  }

  @Override
  public FilterResult filter(SchedulingRequest request, ClusterSnapshot cluster) {
    return cluster.ready() ? FilterResult.ACCEPT : FilterResult.keeps("cluster is not ready");
  }
}
