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

  /** The next event, or null after {@code timeoutMillis} or once the watcher is closed and drained. */
  public WatchItem poll(long timeoutMillis) throws InterruptedException {
    WatchItem item = queue.poll();
    if (item != null || closed) {
      return item;
    }
    return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
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
  }

  @Override
  public void close() {
    terminate(null, "closed by client");
  }
}
