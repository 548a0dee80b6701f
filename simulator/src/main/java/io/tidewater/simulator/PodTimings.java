package io.tidewater.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How long simulated pods take: a bound pod runs after {@code startup} (image pull and container
 * start), becomes Ready {@code ready} later, and a deleted pod exits after its grace period or
 * {@code termination}, whichever is shorter. A failing container restarts after a back-off that
 * starts at {@code crashBackOff} and doubles up to {@code maxCrashBackOff}.
 */
public record PodTimings(Duration startup, Duration ready, Duration termination, Duration crashBackOff, Duration maxCrashBackOff) {
  public static final PodTimings DEFAULT =
      new PodTimings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(40));

  /** Fast enough for tests, slow enough that every transition is a separate event. */
  public static final PodTimings FAST =
      new PodTimings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2));

  public PodTimings {
    Objects.requireNonNull(startup, "startup");
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(crashBackOff, "crashBackOff");
    Objects.requireNonNull(maxCrashBackOff, "maxCrashBackOff");
  }

  public static PodTimings of(Duration startup, Duration ready, Duration termination) {
    return new PodTimings(startup, ready, termination, DEFAULT.crashBackOff, DEFAULT.maxCrashBackOff);
  }
}
