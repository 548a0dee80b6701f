package io.tidewater.store.embedded;

import io.tidewater.store.KeyValue;
import io.tidewater.store.WatchEvent;

/**
 * One version of one key in the in-memory index, linked to the version it replaced. A tombstone (a
 * deletion) has a null value. The chain reaches back only as far as reads served from memory can
 * need: when this version's event leaves the ring of recent events, {@link #prev} is cut, because
 * no memory read is older than that any more.
 */
final class Version {
  final KeyValue kv;
  /** The version this one replaced, or null. Volatile: readers validate against the cut. */
  volatile Version prev;

  Version(KeyValue kv, Version prev) {
    this.kv = kv;
    this.prev = prev;
  }

  static Version tombstone(String key, long revision, Version deleted) {
    return new Version(new KeyValue(key, null, 0, revision, 0), deleted);
  }

  boolean isTombstone() {
    return kv.value() == null;
  }

  long revision() {
    return kv.modRevision();
  }

  /** The live key-value of the newest version in the chain at or below {@code revision}, or null. */
  static KeyValue visibleAt(Version head, long revision) {
    for (Version v = head; v != null; v = v.prev) {
      if (v.revision() <= revision) {
        return v.isTombstone() ? null : v.kv;
      }
    }
    return null;
  }

  /** The change this version made. Only valid while its event is still in the ring. */
  WatchEvent toEvent() {
    Version p = prev;
    KeyValue previous = p == null || p.isTombstone() ? null : p.kv;
    return new WatchEvent(isTombstone() ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT, kv, previous);
  }
}
