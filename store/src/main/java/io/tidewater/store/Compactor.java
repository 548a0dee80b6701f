package io.tidewater.store;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts any {@link Store} periodically on a named background thread, so that history does not
 * grow forever. Two policies:
 *
 * <ul>
 *   <li>{@link #retainingRevisions}: keep the last N revisions (compact to current minus N);
 *   <li>{@link #retainingInterval}: keep at least one interval of history, as the Kubernetes API
 *       server does (every interval, compact to the revision seen at the previous tick).
 * </ul>
 *
 * A failed compaction is logged and retried at the next tick.
 */
public final class Compactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compactor.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final Store store;
  private final String description;
  /** Maps the current revision to the revision to compact to (0 or less: nothing yet). */
  private final LongUnaryOperator target;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong lastCompacted = new AtomicLong();

  private Compactor(Store store, String description, LongUnaryOperator target, Duration every) {
    this.store = Objects.requireNonNull(store, "store");
    this.description = description;
    this.target = target;
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + every);
    }
    String threadName = "tidewater-store-compactor-" + IDS.incrementAndGet();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    long millis = every.toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    log.info("compactor started store={} policy={} every={}", store, description, every);
  }

  /** Every {@code checkEvery}, compacts {@code store} to its current revision minus {@code revisions}. */
  public static Compactor retainingRevisions(Store store, long revisions, Duration checkEvery) {
    if (revisions < 0) {
      throw new IllegalArgumentException("revisions must not be negative: " + revisions);
    }
    return new Compactor(store, "retain " + revisions + " revisions", current -> current - revisions, checkEvery);
  }

  /**
   * Every {@code interval}, compacts {@code store} to the revision it had at the previous tick, so
   * that at least one interval of history stays available to watches that fall behind.
   */
  public static Compactor retainingInterval(Store store, Duration interval) {
    AtomicLong previousTick = new AtomicLong();
    return new Compactor(store, "retain " + interval, current -> previousTick.getAndSet(current), interval);
  }

  /**
   * Runs one compaction now, on the calling thread (also what each tick does). Returns the revision
   * compacted to, or 0 if there was nothing to compact.
   */
  public synchronized long compactNow() {
    long revision = target.applyAsLong(store.currentRevision());
    if (revision <= 0 || revision <= lastCompacted.get()) {
      return 0;
    }
    store.compact(revision);
    lastCompacted.set(revision);
    return revision;
  }

  private void tick() {
    try {
      long revision = compactNow();
      if (revision > 0) {
        log.debug("compactor compacted store={} revision={}", store, revision);
      }
    } catch (RuntimeException e) {
      log.warn("compaction failed, retrying at the next tick store={} policy={}", store, description, e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
        log.warn("compactor did not stop in time store={} timeout={}", store, STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("compactor stopped store={} policy={}", store, description);
  }
}
