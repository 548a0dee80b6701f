package io.tidewater.scheduler.framework;

import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;

/** Extension point "filter": may this cluster run (more of) this workload? */
public interface ClusterFilter {
  String name();

  FilterResult filter(SchedulingRequest request, ClusterSnapshot cluster);
}
