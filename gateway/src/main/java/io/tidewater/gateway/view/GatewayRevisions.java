package io.tidewater.gateway.view;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's own resourceVersions: one counter for every merged kind, seeded from the clock in
 * microseconds, so a restarted gateway starts above anything it handed out before (it would have
 * to have issued over a million revisions a second to catch up with the clock). Clients resuming
 * from a revision of the previous run are therefore older than the new history and get 410 Gone,
 * and re-list, exactly as after a Kubernetes API server restart.
 */
public final class GatewayRevisions {
  private final AtomicLong last;

  public GatewayRevisions(Clock clock) {
    this.last = new AtomicLong(clock.millis() * 1_000);
  }

  /** The next revision; callers take it while holding the lock that orders their cache's events. */
  long next() {
    return last.incrementAndGet();
  }

  /** The highest revision handed out so far. */
  public long current() {
    return last.get();
  }
}
