package io.tidewater.store.embedded;

/**
 * The most recent versions in revision order, one per revision, bounded by a capacity: the events
 * watches catch up from without touching disk. Grows by doubling up to the capacity, so a small
 * store stays small. One writer appends and evicts (under the store's write lock); readers look up
 * revisions concurrently without locks.
 */
final class VersionRing {
  private static final int INITIAL_SLOTS = 16;

  private final int capacity;
  private volatile Version[] slots;
  /** The oldest revision held; {@code last + 1} when empty. */
  private volatile long first;
  /** The newest revision held (writer only; readers learn it from the store's revision). */
  private long last;

  VersionRing(int capacity, long lastRevision) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.slots = new Version[Math.min(INITIAL_SLOTS, Integer.highestOneBit(capacity - 1 | 1) << 1)];
    this.last = lastRevision;
    this.first = lastRevision + 1;
  }

  /** The oldest revision held, or one past the newest when empty. */
  long first() {
    return first;
  }

  int size() {
    return (int) (last - first + 1);
  }

  boolean isFull() {
    return size() >= capacity;
  }

  /**
   * The version written at {@code revision}, or null if it is not held (evicted, or not written
   * yet). A caller that then follows the version's {@code prev} must re-check {@link #first}
   * afterwards: eviction cuts {@code prev} after advancing {@code first}.
   */
  Version at(long revision) {
    Version[] s = slots;
    Version v = s[(int) (revision & (s.length - 1))];
    return v != null && v.revision() == revision ? v : null;
  }

  /** Appends the version of revision {@code last + 1}; the ring must not be full. */
  void append(Version v) {
    if (v.revision() != last + 1) {
      throw new IllegalStateException("ring expects revision " + (last + 1) + " but got " + v.revision());
    }
    if (isFull()) {
      throw new IllegalStateException("ring is full");
    }
    Version[] s = slots;
    if (size() == s.length) {
      s = grow(s);
    }
    s[(int) (v.revision() & (s.length - 1))] = v;
    last = v.revision();
  }

  /** Removes and returns the oldest version; advances {@link #first} before the caller cuts it. */
  Version evictOldest() {
    if (size() == 0) {
      throw new IllegalStateException("ring is empty");
    }
    long revision = first;
    Version v = at(revision);
    first = revision + 1;
    return v;
  }

  private Version[] grow(Version[] old) {
    Version[] bigger = new Version[old.length * 2];
    for (long r = first; r <= last; r++) {
      bigger[(int) (r & (bigger.length - 1))] = old[(int) (r & (old.length - 1))];
    }
    slots = bigger;
    return bigger;
  }
}
