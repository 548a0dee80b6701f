package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory state of one resource, fed in revision order by the {@link CacheFeeder}: current
 * objects by key, a bounded history of recent events for watches that resume from a
 * resourceVersion, and the watchers to fan events out to.
 *
 * <p>Owned by the feeder's thread for writes; readers take the read lock. Watch registration takes
 * the write lock, so a watcher's initial state and its live events never overlap or leave a gap.
 * The Cluster Gateway feeds caches of its own through {@link #replace} and {@link #apply}, with
 * revisions it assigns; it too calls them from one owner at a time, in revision order.
 */
public final class WatchCache {
  private final ResourceType type;
  private final FieldIndexer fieldIndexer;
  private final int historyCapacity;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, CachedObject> objects = new TreeMap<>();
  private final ArrayDeque<CacheEvent> history = new ArrayDeque<>();
  private final List<CacheWatcher> watchers = new ArrayList<>();
  /** Every event with a revision above this one is in {@link #history}. */
  private long historyStart;
  private long revision;

  public WatchCache(ResourceType type, int historyCapacity) {
    this.type = type;
    this.fieldIndexer = FieldIndexer.of(type);
    this.historyCapacity = historyCapacity;
  }

  public ResourceType type() {
    return type;
  }

  public FieldIndexer fieldIndexer() {
    return fieldIndexer;
  }

  /** Replaces the whole state (initial load, or reload after the store watch was lost). */
  public void replace(Collection<CachedObject> state, long atRevision, ApiException reasonForWatchers) {
    List<CacheWatcher> toEnd;
    lock.writeLock().lock();
    try {
      objects.clear();
      for (CachedObject o : state) {
        objects.put(o.objectKey(), o);
      }
      history.clear();
      historyStart = atRevision;
      revision = atRevision;
      toEnd = new ArrayList<>(watchers);
    } finally {
      lock.writeLock().unlock();
    }
    toEnd.forEach(w -> w.terminate(reasonForWatchers, "cache reloaded"));
  }

  /** Applies one change and fans it out. Called only by the cache's owner, in revision order. */
  public void apply(CacheEvent event) {
    lock.writeLock().lock();
    try {
      if (event.type() == EventType.DELETED) {
        objects.remove(event.object().objectKey());
      } else {
        objects.put(event.object().objectKey(), event.object());
      }
      history.addLast(event);
      if (history.size() > historyCapacity) {
        historyStart = history.removeFirst().revision();
      }
      revision = event.revision();
      // Backwards: a watcher that falls behind unregisters itself here, which shifts only the
      // watchers after it, and those have been offered the event already.
      for (int i = watchers.size() - 1; i >= 0; i--) {
        watchers.get(i).offer(event);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Records that the store has no changes for this resource up to {@code rev}. */
  void advance(long rev) {
    lock.writeLock().lock();
    try {
      if (rev > revision) {
        revision = rev;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public long revision() {
    lock.readLock().lock();
    try {
      return revision;
    } finally {
      lock.readLock().unlock();
    }
  }

  public CachedObject get(String objectKey) {
    lock.readLock().lock();
    try {
      return objects.get(objectKey);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A consistent snapshot of the matching objects, in key order, with the revision it reflects. */
  public Snapshot list(ObjectFilter filter) {
    lock.readLock().lock();
    try {
      Map<String, CachedObject> range = objects;
      if (filter.namespace() != null && type.namespaced()) {
        String from = filter.namespace() + "/";
        range = objects.subMap(from, true, filter.namespace() + "0", false); // '0' follows '/'
      }
      List<CachedObject> out = new ArrayList<>(range.size());
      for (CachedObject o : range.values()) {
        if (filter.matches(o)) {
          out.add(o);
        }
      }
      return new Snapshot(out, revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return objects.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A list result at one revision. */
  public record Snapshot(List<CachedObject> items, long revision) {}

  /** A new watch: the events to send first, then the live watcher. */
  public record Registration(List<WatchItem> initial, CacheWatcher watcher, long startRevision) {}

  /**
   * Starts a watch. With {@code fromRevision} &lt; 0 the watch begins with the current state as
   * ADDED events ({@code resourceVersion} unset or "0"); otherwise it replays every change after
   * {@code fromRevision}.
   *
   * @throws ApiException 410 Gone if {@code fromRevision} is older than the history kept
   */
  public Registration watch(ObjectFilter filter, long fromRevision, int queueCapacity) {
    lock.writeLock().lock();
    try {
      List<WatchItem> initial = new ArrayList<>();
      if (fromRevision < 0) {
        Map<String, CachedObject> range = objects;
        for (CachedObject o : range.values()) {
          if (filter.matches(o)) {
            initial.add(new WatchItem(EventType.ADDED, o, o.revision()));
          }
        }
      } else {
        if (fromRevision < historyStart) {
          throw ApiException.gone("too old resource version: " + fromRevision + " (" + historyStart + ")");
        }
        for (CacheEvent e : history) {
          if (e.revision() > fromRevision) {
            WatchItem item = CacheWatcher.translate(filter, e);
            if (item != null) {
              initial.add(item);
            }
          }
        }
      }
      CacheWatcher watcher = new CacheWatcher(filter, queueCapacity, this::unregister);
      watchers.add(watcher);
      return new Registration(initial, watcher, revision);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void unregister(CacheWatcher watcher) {
    lock.writeLock().lock();
    try {
      watchers.remove(watcher);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int watcherCount() {
    lock.readLock().lock();
    try {
      return watchers.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Forgets history below {@code rev} (after a compaction), so resuming there answers 410. Applies
   * even when this cache has not yet seen {@code rev}: the store has compacted those revisions, so
   * replaying from them would hand out changes a real watch could never resume to.
   */
  void forgetHistoryBefore(long rev) {
    lock.writeLock().lock();
    try {
      Iterator<CacheEvent> it = history.iterator();
      while (it.hasNext() && it.next().revision() <= rev) {
        it.remove();
      }
      historyStart = Math.max(historyStart, rev);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Ends every watcher; each client sees {@code error} (or a clean end when null) and re-watches. */
  void terminateWatchers(ApiException error, String reason) {
    List<CacheWatcher> toEnd;
    lock.readLock().lock();
    try {
      toEnd = new ArrayList<>(watchers);
    } finally {
      lock.readLock().unlock();
    }
    toEnd.forEach(w -> w.terminate(error, reason));
  }
}
