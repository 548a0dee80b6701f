package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.framework.ClusterFilter;
import io.tidewater.scheduler.framework.FilterResult;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;

/**
 * A cluster where this workload's pods stayed unschedulable keeps what it has and takes no new
 * replicas until the descheduler's cool-down ends, so the replicas it gave up are not sent
 * straight back (the estimate can disagree with the member's own scheduler, for example on
 * fragmented nodes).
 */
public final class DeschedulingFilter implements ClusterFilter {
  @Override
  public String name() {
    return "Descheduling";
  }

  @Override
  public FilterResult filter(SchedulingRequest request, ClusterSnapshot cluster) {
    return request.state(cluster.name()).descheduled()
        ? FilterResult.keeps("pods of this workload stayed unschedulable here; no new replicas until the cool-down ends")
        : FilterResult.ACCEPT;
  }
}
