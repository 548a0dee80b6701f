package io.tidewater.gateway;

import java.time.Clock;
import java.time.Duration;

/**
 * How the Cluster Gateway serves the merged view.
 *
 * @param watchHistory events kept per kind for watches that resume from a resourceVersion; older
 *     ones answer 410 Gone
 * @param watchQueue events a watcher may fall behind before it is ended (its client resumes)
 * @param listSnapshots paginated-list snapshots kept per kind
 * @param listSnapshotTtl how long a paginated list can be continued
 * @param memberRequestTimeout how long a forwarded request waits for the member's response headers
 */
public record GatewayOptions(
    int watchHistory, int watchQueue, int listSnapshots, Duration listSnapshotTtl, Duration memberRequestTimeout, Clock clock) {

  public static GatewayOptions defaults() {
    return new GatewayOptions(50_000, 10_000, 8, Duration.ofMinutes(5), Duration.ofSeconds(30), Clock.systemUTC());
  }

  public GatewayOptions withWatchHistory(int n) {
    return new GatewayOptions(n, watchQueue, listSnapshots, listSnapshotTtl, memberRequestTimeout, clock);
  }

  public GatewayOptions withListSnapshotTtl(Duration d) {
    return new GatewayOptions(watchHistory, watchQueue, listSnapshots, d, memberRequestTimeout, clock);
  }
}
