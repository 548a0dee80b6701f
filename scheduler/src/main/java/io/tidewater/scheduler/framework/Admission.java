package io.tidewater.scheduler.framework;

/** What a filter says about a cluster for one workload, from most to least permissive. */
public enum Admission {
  /** May take new replicas. */
  ACCEPTS,
  /** Keeps the replicas it has, takes no new ones (not ready, above its watermark, NoSchedule taint). */
  KEEPS,
  /** Its replicas must leave (outside the affinity, an untolerated NoExecute taint). */
  EXCLUDED;

  public Admission strictest(Admission o) {
    return o.ordinal() > ordinal() ? o : this;
  }
}
