package io.tidewater.simulator.logs;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The log of one simulated container: a line a second from the container's start, each line a
 * pure function of (pod, container, line number), so every read of the same moment returns the
 * same text. Lines carry their own timestamp, as most applications write.
 */
final class SyntheticLog {
  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
  private static final String[] PATHS = {"/api/items", "/api/orders", "/api/users", "/healthz", "/api/search", "/api/cart"};
  private static final int[] STATUSES = {200, 200, 200, 200, 201, 204, 304, 404, 500};

  private final String pod;
  private final String container;
  private final Instant started;
  private final boolean failing;

  SyntheticLog(String pod, String container, Instant started, boolean failing) {
    this.pod = pod;
    this.container = container;
    this.started = started;
    this.failing = failing;
  }

  /** How many lines the container has written by {@code now}. */
  long linesAt(Instant now) {
    if (now.isBefore(started)) {
      return 0;
    }
    return failing ? 3 : now.getEpochSecond() - started.getEpochSecond() + 1;
  }

  Instant timeOf(long line) {
    return started.plusSeconds(line);
  }

  /** Line {@code n} (from 0), without a trailing newline. */
  String line(long n) {
    Instant at = timeOf(n);
    if (n == 0) {
      return at + " INFO starting " + container + " in pod " + pod;
    }
    if (failing) {
      return n == 1 ? at + " INFO loading configuration" : at + " ERROR fatal: cannot start " + container + ": exit status 1";
    }
    SplittableRandom r = new SplittableRandom((pod + "/" + container).hashCode() * 1_000_003L + n);
    String method = METHODS[r.nextInt(METHODS.length)];
    String path = PATHS[r.nextInt(PATHS.length)] + (r.nextBoolean() ? "/" + r.nextInt(1000) : "");
    int status = STATUSES[r.nextInt(STATUSES.length)];
    String level = status >= 500 ? "ERROR" : "INFO";
    return at + " " + level + " request method=" + method + " path=" + path + " status=" + status + " duration_ms=" + (1 + r.nextInt(250))
        + " request_id=" + Long.toHexString(r.nextLong() & 0xffffffffffL);
  }
}
