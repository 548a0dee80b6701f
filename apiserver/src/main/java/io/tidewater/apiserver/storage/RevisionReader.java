package io.tidewater.apiserver.storage;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Reads the store's current revision for consistent reads, sharing one store round trip among
 * concurrent callers. On etcd every read is a round trip; under load, callers would otherwise
 * queue up one request each.
 *
 * <p>A caller may only use a read that <em>started</em> after it arrived (an earlier one could miss
 * a write the caller has already seen acknowledged). So a caller that finds a read in flight waits
 * for it to finish and shares the next one, which the first of the waiters starts. Revisions only
 * grow, so the newest finished read serves everyone who waited for it or for an earlier one.
 */
final class RevisionReader {
  private final LongSupplier source;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition finished = lock.newCondition();
  private long started;
  private long completed;
  private boolean inFlight;
  private long latest;

  RevisionReader(LongSupplier source) {
    this.source = source;
  }

  long read() {
    lock.lock();
    try {
      long needed = started + 1; // the next read to start is the first that starts after now
      while (completed < needed) {
        if (!inFlight) {
          inFlight = true;
          started++;
          long value;
          lock.unlock();
          try {
            value = source.getAsLong();
          } catch (RuntimeException | Error e) {
            lock.lock();
            inFlight = false;
            finished.signalAll();
            throw e;
          }
          lock.lock();
          inFlight = false;
          completed = started;
          latest = Math.max(latest, value);
          finished.signalAll();
          return latest;
        }
        finished.awaitUninterruptibly();
      }
      return latest;
    } finally {
      lock.unlock();
    }
  }
}
