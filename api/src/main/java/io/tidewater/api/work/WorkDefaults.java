package io.tidewater.api.work;

import static io.tidewater.api.kinds.Defaulting.ifSet;
import static io.tidewater.api.kinds.Defaulting.or;

import io.tidewater.api.policy.ConflictResolution;

/** Defaults of ResourceBinding and Work; both are written by controllers, so there is little to fill. */
public final class WorkDefaults {
  private WorkDefaults() {}

  public static ResourceBinding apply(ResourceBinding b) {
    return new ResourceBinding(
        or(b.apiVersion(), ResourceBinding.API_VERSION), or(b.kind(), ResourceBinding.KIND), b.metadata(),
        ifSet(b.spec(), s -> new ResourceBindingSpec(
            s.resource(), or(s.propagateDeps(), false), s.replicaRequirements(), or(s.replicas(), 0), s.clusters(),
            s.placement(), s.policyRef(), s.failover(), or(s.conflictResolution(), ConflictResolution.ABORT),
            s.gracefulEvictionTasks(), s.rollout())),
        b.status());
  }

  public static Work apply(Work w) {
    return new Work(
        or(w.apiVersion(), ResourceBinding.API_VERSION), or(w.kind(), Work.KIND), w.metadata(),
        ifSet(w.spec(), s -> new WorkSpec(s.workload(), or(s.suspendDispatching(), false))),
        w.status());
  }
}
