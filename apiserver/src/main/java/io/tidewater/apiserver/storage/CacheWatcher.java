package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.errors.ApiException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One watch's view of a {@link WatchCache}: events pass its filter and wait in a bounded queue
 * until the serving thread takes them. The cache never blocks on a watcher: a watcher whose
 * queue is full is ended, and its client resumes from the last resourceVersion it saw, as with
 * Kubernetes' watch cache.
 */
public final class CacheWatcher implements AutoCloseable {
  private final ObjectFilter filter;
  private final BlockingQueue<WatchItem> queue;
  private final Consumer<CacheWatcher> onClose;
  /** Queued to wake a waiting poller (a timer, or the end of the watch); never returned. */
  private static final WatchItem WAKE = new WatchItem(EventType.BOOKMARK, null, -1);

  private final java.util.concurrent.atomic.AtomicBoolean wakePending = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closed;
  private volatile ApiException terminalError;
  private volatile String closeReason;

  CacheWatcher(ObjectFilter filter, int capacity, Consumer<CacheWatcher> onClose) {
    this.filter = filter;
    // Bounded but not preallocated: an in-process informer's queue holds 65,536 events at most, and
    // a member cluster of a simulated fleet runs some twenty of them; as arrays they cost 256 KiB
    // each while nearly always empty.
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.onClose = onClose;
  }

  /** Offers a cache event; translates it for this watcher's filter. Never blocks. */
  void offer(CacheEvent event) {
    if (closed) {
      return;
    }
    WatchItem item = translate(filter, event);
    if (item != null && !queue.offer(item)) {
      terminate(null, "watcher fell behind by " + queue.size() + " events");
    }
  }

  /**
   * What a watcher with {@code filter} sees of {@code event}: an object that starts matching is
   * ADDED, one that stops matching is DELETED, as Kubernetes' cacheWatcher does.
   */
  static WatchItem translate(ObjectFilter filter, CacheEvent event) {
    boolean prev = event.previous() != null && filter.matches(event.previous());
    return switch (event.type()) {
      case ADDED -> filter.matches(event.object()) ? new WatchItem(EventType.ADDED, event.object(), event.revision()) : null;
      case MODIFIED -> {
        boolean cur = filter.matches(event.object());
        if (cur && prev) {
          yield new WatchItem(EventType.MODIFIED, event.object(), event.revision());
        } else if (cur) {
          yield new WatchItem(EventType.ADDED, event.object(), event.revision());
        } else if (prev) {
          yield new WatchItem(EventType.DELETED, event.object(), event.revision());
        }
        yield null;
      }
      case DELETED -> prev ? new WatchItem(EventType.DELETED, event.object(), event.revision()) : null;
      default -> null;
    };
  }

  /**
   * The next event, or null after {@code timeoutMillis}, after a {@link #wake}, or once the watcher
   * is closed and drained. A negative timeout waits without a timer, until one of those.
   */
  public WatchItem poll(long timeoutMillis) throws InterruptedException {
    WatchItem item = queue.poll();
    if (item == null && !closed) {
      item = timeoutMillis < 0 ? queue.take() : queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    if (item == WAKE) {
      wakePending.set(false);
      return null;
    }
    return item;
  }

  /**
   * Makes a waiting {@link #poll} return now. Watch servers wait without timers (a timed park per
   * event and watcher is a timer set and cancelled for each) and are woken by this instead.
   */
  public void wake() {
    if (wakePending.compareAndSet(false, true) && !queue.offer(WAKE)) {
      wakePending.set(false); // full: the poller has events to take anyway
    }
  }

  /** Whether events wait in the queue. */
  public boolean hasPending() {
    return !queue.isEmpty();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Set when the watch ended with an error the client must see (for example 410 Gone). */
  public ApiException terminalError() {
    return terminalError;
  }

  public String closeReason() {
    return closeReason;
  }

  void terminate(ApiException error, String reason) {
    if (closed) {
      return;
    }
    terminalError = error;
    closeReason = reason;
    closed = true;
    onClose.accept(this);
    wake(); // a poller waiting for events learns of the end now
  }

  @Override
  public void close() {
    terminate(null, "closed by client");
  }
}
