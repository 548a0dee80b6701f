package io.tidewater.member;

import io.tidewater.member.health.HealthProbeOptions;
import io.tidewater.member.snapshot.SnapshotOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * How a connector behaves.
 *
 * @param health how the member's {@code /readyz} is probed
 * @param snapshot how nodes are grouped into classes
 * @param requestTimeout how long an ordinary request (get, apply, delete) may take
 * @param watchReconnectInterval the first back-off before an informer re-lists or re-watches a
 *     member it lost; fabric8 doubles it up to 32 times this
 */
public record ConnectorOptions(
    HealthProbeOptions health, SnapshotOptions snapshot, Duration requestTimeout, Duration watchReconnectInterval, Clock clock) {

  public static ConnectorOptions defaults() {
    return new ConnectorOptions(HealthProbeOptions.defaults(), SnapshotOptions.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(1),
        Clock.systemUTC());
  }

  public ConnectorOptions withHealth(HealthProbeOptions h) {
    return new ConnectorOptions(h, snapshot, requestTimeout, watchReconnectInterval, clock);
  }

  public ConnectorOptions withWatchReconnectInterval(Duration d) {
    return new ConnectorOptions(health, snapshot, requestTimeout, d, clock);
  }

  public ConnectorOptions withRequestTimeout(Duration d) {
    return new ConnectorOptions(health, snapshot, d, watchReconnectInterval, clock);
  }
}
