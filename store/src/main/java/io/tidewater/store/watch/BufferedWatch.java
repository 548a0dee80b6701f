package io.tidewater.store.watch;

import io.tidewater.store.StoreException;
import io.tidewater.store.Watch;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WatchListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one watch's events to its listener, in order, on a virtual thread of its own, so that a
 * slow listener delays nobody but itself. Producers {@link #offer} events into a bounded buffer
 * without blocking; when the buffer is full the watch ends with an error after the buffered events
 * (so the caller can re-watch from the revision after the last one it saw), as etcd and the
 * Kubernetes watch cache do with watchers that cannot keep up.
 *
 * <p>For {@link io.tidewater.store.Store} implementations; not part of the store API.
 */
public final class BufferedWatch implements Watch {

  /** Events a watch must deliver before its live ones (history catch-up), run on its thread. */
  @FunctionalInterface
  public interface Replay {
    /**
     * Feeds every historical event to {@code sink} in revision order.
     *
     * @throws StoreException to end the watch with that error
     */
    void run(Consumer<WatchEvent> sink);
  }

  private static final Logger log = LoggerFactory.getLogger(BufferedWatch.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** How long an idle watch sleeps between checks when it has no progress to report. */
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private record Progress(long revision) {}

  /** Thrown inside the delivery thread to unwind a replay once the watch is closed. */
  private static final class Closed extends RuntimeException {
    Closed() {
      super(null, null, false, false);
    }
  }

  private final String name;
  private final WatchListener listener;
  private final int capacity;
  private final LongSupplier progressSource;
  private final long progressIntervalNanos;
  private final Consumer<BufferedWatch> onStop;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock: pending WatchEvents and Progress markers, the terminal error, and whether the
  // buffered events go out before it.
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private int bufferedEvents;
  private StoreException failure;
  private boolean failAfterBuffered;

  private volatile boolean closed;
  private volatile Thread thread;
  // Delivery thread only: the highest revision delivered (event or progress).
  private long delivered;

  /**
   * @param name names the delivery thread and appears in logs
   * @param capacity the most events buffered before the watch ends with an overflow error
   * @param deliveredThrough the revision the listener is already up to date with (start - 1)
   * @param progressSource when idle, the watch reports progress up to this revision; it must only
   *     return revisions whose events have all been {@link #offer offered} already. Null for none.
   * @param progressInterval how long the watch must be idle before it reports progress
   * @param onStop runs once when the watch stops for any reason, to deregister it from its producer
   */
  public BufferedWatch(
      String name,
      WatchListener listener,
      int capacity,
      long deliveredThrough,
      LongSupplier progressSource,
      Duration progressInterval,
      Consumer<BufferedWatch> onStop) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.name = name;
    this.listener = listener;
    this.capacity = capacity;
    this.delivered = deliveredThrough;
    this.progressSource = progressSource;
    this.progressIntervalNanos = progressInterval.toNanos();
    this.onStop = onStop;
  }

  /** Starts the delivery thread, which first runs {@code replay} (may be null). */
  public void start(Replay replay) {
    thread = Thread.ofVirtual().name(name).start(() -> run(replay));
  }

  /**
   * Buffers a live event. Never blocks. Returns false if the watch is over (closed, failed, or it
   * just overflowed), in which case the producer should stop offering to it.
   */
  public boolean offer(WatchEvent event) {
    lock.lock();
    try {
      if (closed || failure != null) {
        return false;
      }
      if (bufferedEvents >= capacity) {
        log.warn(
            "watch overflowed, ending it watch={} bufferedEvents={} revision={}",
            name,
            bufferedEvents,
            event.revision());
        failure =
            new StoreException(
                "watch "
                    + name
                    + " fell behind: its buffer of "
                    + capacity
                    + " events was full at revision "
                    + event.revision()
                    + "; re-watch from the revision after the last event received");
        failAfterBuffered = true;
        changed.signal();
        return false;
      }
      queue.addLast(event);
      bufferedEvents++;
      changed.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Buffers a progress notification; dropped when the buffer is full (progress is advisory). */
  public void offerProgress(long revision) {
    lock.lock();
    try {
      if (!closed && failure == null && queue.size() < capacity) {
        queue.addLast(new Progress(revision));
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the watch with {@code error}, delivered to the listener after the buffered events if
   * {@code afterBuffered}, else right away. Does nothing if the watch is already over.
   */
  public void fail(StoreException error, boolean afterBuffered) {
    lock.lock();
    try {
      if (closed || failure != null) {
        return;
      }
      failure = error;
      failAfterBuffered = afterBuffered;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the watch has stopped or is stopping (closed, failed or overflowed). */
  public boolean isOver() {
    lock.lock();
    try {
      return closed || failure != null || stopped.get();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the delivery thread to finish, up to {@code timeout}; returns whether it did. */
  public boolean awaitStopped(Duration timeout) {
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return true;
    }
    try {
      return t.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
    stop();
    // Closing from inside a callback must not wait for itself; the loop exits after the callback.
    if (!awaitStopped(STOP_TIMEOUT)) {
      log.warn("watch listener did not return in time after close watch={} timeout={}", name, STOP_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private void run(Replay replay) {
    try {
      if (replay != null) {
        replay.run(this::deliverReplayed);
      }
      deliverLive();
    } catch (Closed e) {
      // closed by the caller: nothing more to deliver
    } catch (StoreException e) {
      deliverError(e);
    } catch (RuntimeException e) {
      log.warn("watch listener failed, ending the watch watch={}", name, e);
      deliverError(new StoreException("watch " + name + " ended: its listener failed: " + e, e));
    } finally {
      stop();
    }
  }

  private void deliverReplayed(WatchEvent event) {
    if (closed) {
      throw new Closed();
    }
    deliverEvent(event);
  }

  private void deliverLive() {
    while (true) {
      Object next;
      StoreException error = null;
      lock.lock();
      try {
        long idleSince = System.nanoTime();
        while (queue.isEmpty() && !closed && failure == null) {
          long wait = progressSource == null ? IDLE_WAIT_NANOS : progressIntervalNanos;
          changed.awaitNanos(wait);
          if (queue.isEmpty() && progressSource != null && System.nanoTime() - idleSince >= progressIntervalNanos) {
            // Read under the lock: every event up to this revision was offered before it was
            // published, so an empty queue means all of them have been delivered already.
            long revision = progressSource.getAsLong();
            if (revision > delivered) {
              queue.addLast(new Progress(revision));
            }
            idleSince = System.nanoTime();
          }
        }
        if (closed) {
          return;
        }
        if (failure != null && !(failAfterBuffered && !queue.isEmpty())) {
          error = failure;
          next = null;
        } else {
          next = queue.pollFirst();
          if (next instanceof WatchEvent) {
            bufferedEvents--;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("watch " + name + " interrupted", e);
      } finally {
        lock.unlock();
      }
      if (error != null) {
        deliverError(error);
        return;
      }
      if (next instanceof WatchEvent event) {
        deliverEvent(event);
      } else if (next instanceof Progress progress && progress.revision() > delivered && !closed) {
        delivered = progress.revision();
        listener.onProgress(progress.revision());
      }
    }
  }

  private void deliverEvent(WatchEvent event) {
    if (closed) {
      throw new Closed();
    }
    delivered = Math.max(delivered, event.revision());
    listener.onEvent(event);
  }

  private void deliverError(StoreException error) {
    if (closed) {
      return;
    }
    try {
      listener.onError(error);
    } catch (RuntimeException e) {
      log.warn("watch listener failed in onError watch={}", name, e);
    }
  }

  private void stop() {
    if (stopped.compareAndSet(false, true)) {
      onStop.accept(this);
    }
  }
}
