package io.tidewater.member.health;

import java.time.Duration;

/**
 * How a member is probed.
 *
 * @param period time between the starts of two probes
 * @param timeout how long one probe may take before it counts as failed
 * @param failureThreshold consecutive failures that make a Ready member NotReady; 1 means a member
 *     is declared NotReady within one period of becoming unreachable
 */
public record HealthProbeOptions(Duration period, Duration timeout, int failureThreshold) {
  public HealthProbeOptions {
    if (period.isNegative() || period.isZero() || timeout.isNegative() || timeout.isZero() || failureThreshold < 1) {
      throw new IllegalArgumentException("invalid health probe options: " + period + ", " + timeout + ", " + failureThreshold);
    }
  }

  public static HealthProbeOptions defaults() {
    return new HealthProbeOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), 1);
  }
}
