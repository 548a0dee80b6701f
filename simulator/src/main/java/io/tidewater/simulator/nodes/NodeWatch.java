package io.tidewater.simulator.nodes;

import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WatchStream;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One watch on the nodes. Events are queued as records and rendered only when the client takes
 * them, each through the watch's filter: a node that stops matching is reported DELETED, one that
 * starts matching ADDED, as Kubernetes' cacher does. A watcher that falls too far behind is ended
 * with 410 Gone so its client relists, rather than holding events without bound.
 */
final class NodeWatch implements WatchStream {
  private final NodeObjects objects;
  private final ObjectFilter filter;
  private final List<WatchItem> initial;
  private final LinkedBlockingQueue<NodeEvent> queue;
  private final LongSupplier revision;
  private final Consumer<NodeWatch> unregister;
  private volatile boolean closed;
  private volatile ApiException terminalError;

  NodeWatch(
      NodeObjects objects, ObjectFilter filter, List<WatchItem> initial, int capacity, LongSupplier revision, Consumer<NodeWatch> unregister) {
    this.objects = objects;
    this.filter = filter;
    this.initial = initial;
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.revision = revision;
    this.unregister = unregister;
  }

  /** Called by the book, in revision order, under its lock. */
  void offer(NodeEvent event) {
    if (closed) {
      return;
    }
    if (!queue.offer(event)) {
      terminate(ApiException.gone("the watch fell behind the node changes; relist"));
    }
  }

  void terminate(ApiException error) {
    terminalError = error;
    closed = true;
  }

  @Override
  public List<WatchItem> initial() {
    return initial;
  }

  /** Set by {@link #wake}: the next (or current) poll returns null once. */
  private volatile boolean woken;

  @Override
  public void wake() {
    woken = true;
  }

  @Override
  public WatchItem poll(long timeoutMillis) throws InterruptedException {
    long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      if (woken) {
        woken = false;
        return null;
      }
      long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
      NodeEvent e = closed ? queue.poll() : queue.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))), TimeUnit.NANOSECONDS);
      if (e != null) {
        WatchItem item = translate(e);
        if (item != null) {
          return item;
        }
        continue;
      }
      if (closed || System.nanoTime() >= deadline) {
        return null;
      }
    }
  }

  private WatchItem translate(NodeEvent e) {
    if (e.type() == EventType.DELETED) {
      CachedObject last = objects.cached(e.record(), e.revision());
      return filter.matches(last) ? new WatchItem(EventType.DELETED, last, e.revision()) : null;
    }
    CachedObject now = objects.cached(e.record());
    boolean matchesNow = filter.matches(now);
    if (e.type() == EventType.ADDED) {
      return matchesNow ? new WatchItem(EventType.ADDED, now, e.revision()) : null;
    }
    boolean everything = filter.labels().isEverything() && filter.fields().isEverything();
    boolean matchedBefore = everything || (e.previous() != null && filter.matches(objects.cached(e.previous())));
    if (matchesNow) {
      return new WatchItem(matchedBefore ? EventType.MODIFIED : EventType.ADDED, now, e.revision());
    }
    if (matchedBefore) {
      return new WatchItem(EventType.DELETED, objects.cached(e.previous(), e.revision()), e.revision());
    }
    return null;
  }

  @Override
  public boolean isClosed() {
    return closed && queue.isEmpty();
  }

  @Override
  public ApiException terminalError() {
    return terminalError;
  }

  @Override
  public long currentRevision() {
    return revision.getAsLong();
  }

  @Override
  public void close() {
    closed = true;
    unregister.accept(this);
  }
}
