package io.tidewater.scheduler.framework;

import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.SchedulingRequest;

/**
 * Extension point "reserve": record what a decision adds to each cluster, so the next decision
 * does not count the same room before the member's snapshot shows it taken.
 */
public interface ReservePlugin {
  String name();

  void reserve(SchedulingRequest request, Decision decision);
}
