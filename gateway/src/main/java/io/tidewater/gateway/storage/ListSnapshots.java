package io.tidewater.gateway.storage;

import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent whole states of one merged kind, kept so that every page of a paginated list comes from
 * the same revision, as Kubernetes' paged lists do. A snapshot is the cache's objects in key order
 * (references only, no copies of the objects), taken when a paginated list starts and shared by
 * every list started at the same revision. Snapshots expire after a while, like etcd's compacted
 * history: continuing from an expired one answers 410 Gone.
 */
final class ListSnapshots {
  /** Objects of one kind at one revision, sorted by key. */
  record Snapshot(long revision, List<CachedObject> items) {
    /** The index of the first item whose key is at or after {@code key}. */
    int lowerBound(String key) {
      int lo = 0;
      int hi = items.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (items.get(mid).objectKey().compareTo(key) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  private record Kept(Snapshot snapshot, long expiresAtMillis) {}

  private final WatchCache cache;
  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  private final Map<Long, Kept> kept = new LinkedHashMap<>();

  ListSnapshots(WatchCache cache, int capacity, Duration ttl, Clock clock) {
    this.cache = cache;
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The current state, reusing the snapshot of the current revision if one is kept. */
  synchronized Snapshot current() {
    expire();
    long rev = cache.revision();
    Kept k = kept.get(rev);
    if (k != null) {
      return k.snapshot();
    }
    WatchCache.Snapshot s = cache.list(ObjectFilter.all());
    Snapshot snap = new Snapshot(s.revision(), s.items());
    remember(snap);
    return snap;
  }

  /** The kept snapshot at {@code revision}, or null if it has expired or never was taken. */
  synchronized Snapshot at(long revision) {
    expire();
    Kept k = kept.get(revision);
    if (k != null) {
      remember(k.snapshot()); // in use: keep it as long as a fresh one
      return k.snapshot();
    }
    return null;
  }

  private void remember(Snapshot snap) {
    kept.remove(snap.revision());
    kept.put(snap.revision(), new Kept(snap, clock.millis() + ttl.toMillis()));
    while (kept.size() > capacity) {
      Iterator<Long> oldest = kept.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private void expire() {
    long now = clock.millis();
    kept.values().removeIf(k -> k.expiresAtMillis() <= now);
  }

  synchronized List<Long> revisions() {
    return new ArrayList<>(kept.keySet());
  }
}
