package io.tidewater.scheduler.framework;

import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.util.List;

/** Extension point "divide": turn candidates with capacities into replicas per cluster. */
public interface DividePlugin {
  String name();

  Decision divide(SchedulingRequest request, List<Candidate> candidates, int tierCount);
}
