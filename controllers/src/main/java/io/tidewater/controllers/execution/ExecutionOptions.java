package io.tidewater.controllers.execution;

import java.time.Duration;

/**
 * Tuning of the execution controller.
 *
 * @param workers reconciler threads
 * @param retryPeriod how soon a Work that could not be applied (member unreachable, conflict,
 *     refused manifest) is tried again
 * @param resyncPeriod how often every Work is applied again although nothing changed, to repair
 *     drift in members that no informer watches (ConfigMaps, Services ...)
 * @param orphanSweepPeriod how often members are searched for Tidewater's objects whose Work is
 *     gone; an object is deleted only when two consecutive sweeps found it orphaned
 */
public record ExecutionOptions(int workers, Duration retryPeriod, Duration resyncPeriod, Duration orphanSweepPeriod) {
  public ExecutionOptions {
    if (workers < 1 || !positive(retryPeriod) || !positive(resyncPeriod) || !positive(orphanSweepPeriod)) {
      throw new IllegalArgumentException("invalid execution options: " + workers + ", " + retryPeriod + ", " + resyncPeriod + ", " + orphanSweepPeriod);
    }
  }

  public static ExecutionOptions defaults() {
    return new ExecutionOptions(4, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1));
  }

  public ExecutionOptions withRetryPeriod(Duration d) {
    return new ExecutionOptions(workers, d, resyncPeriod, orphanSweepPeriod);
  }

  public ExecutionOptions withResyncPeriod(Duration d) {
    return new ExecutionOptions(workers, retryPeriod, d, orphanSweepPeriod);
  }

  public ExecutionOptions withOrphanSweepPeriod(Duration d) {
    return new ExecutionOptions(workers, retryPeriod, resyncPeriod, d);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
