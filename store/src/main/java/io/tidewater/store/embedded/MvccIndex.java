package io.tidewater.store.embedded;

import io.tidewater.store.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory MVCC state: the newest version of every key in key order (each linked to the
 * versions before it that recent reads may need), plus the ring of recent versions. Reads at any
 * revision from {@link #floor()} up are answered here without locks; one writer mutates it under the
 * store's write lock.
 *
 * <p>Readers validate instead of locking: they read, then check that {@link #floor()} has not
 * passed their revision meanwhile (eviction advances the floor before it cuts chains), and fall
 * back to the revision log if it has.
 */
final class MvccIndex {
  /** Newest version by {@link KeyOrder#sortKey}, so that natural string order is etcd's order. */
  private final ConcurrentSkipListMap<String, Version> heads = new ConcurrentSkipListMap<>();
  private final VersionRing ring;

  MvccIndex(int historyCapacity, long revision) {
    this.ring = new VersionRing(historyCapacity, revision);
  }

  // ---- reads, any thread ----

  /** The oldest revision whose state memory can answer; older reads go to the revision log. */
  long floor() {
    return ring.first() - 1;
  }

  /** The oldest revision whose event is in memory. */
  long firstEvent() {
    return ring.first();
  }

  /** The live value of {@code key} at {@code revision}, or null; valid if the floor is still at or below it. */
  KeyValue get(String key, long revision) {
    Version head = heads.get(KeyOrder.sortKey(key));
    return head == null ? null : Version.visibleAt(head, revision);
  }

  /**
   * Adds to {@code out} up to {@code limit} (0: no limit) live keys under {@code prefix} from {@code
   * from} on, as of {@code revision}; returns how many more there are.
   */
  long range(String prefix, String from, int limit, long revision, List<KeyValue> out) {
    String sortedPrefix = KeyOrder.sortKey(prefix);
    long remaining = 0;
    for (Map.Entry<String, Version> entry : heads.tailMap(KeyOrder.sortKey(from), true).entrySet()) {
      if (!entry.getKey().startsWith(sortedPrefix)) {
        break;
      }
      KeyValue kv = Version.visibleAt(entry.getValue(), revision);
      if (kv == null) {
        continue;
      }
      if (limit == 0 || out.size() < limit) {
        out.add(kv);
      } else {
        remaining++;
      }
    }
    return remaining;
  }

  /** The version written at {@code revision} if still in memory; see {@link VersionRing#at}. */
  Version versionAt(long revision) {
    return ring.at(revision);
  }

  // ---- writer only ----

  Version head(String key) {
    return heads.get(KeyOrder.sortKey(key));
  }

  /** Installs the state recovered from disk for the revision just before the ring starts. */
  void putRecovered(KeyValue kv) {
    heads.put(KeyOrder.sortKey(kv.key()), new Version(kv, null));
  }

  boolean isFull() {
    return ring.isFull();
  }

  /** Makes {@code v} the newest version of its key; the ring must have room. */
  void apply(Version v) {
    ring.append(v);
    heads.put(KeyOrder.sortKey(v.kv.key()), v);
  }

  /** Drops the oldest event and what only reads older than it needed. */
  void evictOldest() {
    Version old = ring.evictOldest();
    // The floor has moved past everything old.prev was visible at: cut it so it can be collected.
    old.prev = null;
    if (old.isTombstone()) {
      // A deletion older than every memory read just means "absent": forget the key entirely.
      heads.remove(KeyOrder.sortKey(old.kv.key()), old);
    }
  }

  /** Evicts every event below {@code revision}. */
  void evictBefore(long revision) {
    while (ring.size() > 0 && ring.first() < revision) {
      evictOldest();
    }
  }

  int keyCount() {
    return heads.size();
  }
}
