package io.tidewater.store;

import java.util.Optional;

/**
 * A multi-version key-value store with etcd's semantics. Every successful write bumps one global
 * revision by exactly one; a key's history is addressable by revision until it is compacted.
 *
 * <p>Keys are strings (stored as UTF-8); values are opaque bytes. Implementations are thread-safe.
 * Expected outcomes of conditional writes (a key that exists, a stale modification revision) are
 * results, not exceptions; infrastructure failures are {@link StoreException}s.
 */
public interface Store extends AutoCloseable {

  /** The revision of the most recent write, or the initial revision of an empty store (1 for etcd). */
  long currentRevision();

  /** The latest value of {@code key}, if it exists. */
  Optional<KeyValue> get(String key);

  /**
   * The value of {@code key} as of {@code revision}.
   *
   * @throws CompactedException if {@code revision} is older than the compaction revision
   * @throws FutureRevisionException if {@code revision} is newer than the current revision
   */
  Optional<KeyValue> get(String key, long revision);

  /** A consistent range over keys with a prefix, in key order, at one revision. */
  RangeResult range(RangeRequest request);

  /** Writes {@code key} only if it does not exist. A conflict carries the existing value. */
  WriteResult create(String key, byte[] value);

  /**
   * Writes {@code key} only if its current modification revision is {@code expectedModRevision}.
   * A conflict carries the current value, or none if the key does not exist.
   */
  WriteResult update(String key, byte[] value, long expectedModRevision);

  /**
   * Deletes {@code key} if its modification revision is {@code expectedModRevision}, or
   * unconditionally when it is 0. On success the result's key-value is the deleted value with
   * {@code modRevision} set to the revision of the deletion. A conflict carries the current value,
   * or none if the key does not exist.
   */
  WriteResult delete(String key, long expectedModRevision);

  /**
   * Watches every key under {@code prefix}, delivering every change with revision {@code >=
   * startRevision} in revision order, with no gaps and no duplicates, on a thread owned by the
   * store. {@code startRevision} 0 means "changes after now".
   *
   * @throws CompactedException if {@code startRevision} is older than the compaction revision
   */
  Watch watch(String prefix, long startRevision, WatchListener listener);

  /**
   * Drops history older than {@code revision}: reads at a revision below it, and watches starting
   * below it, fail with {@link CompactedException}. The state at {@code revision} stays readable.
   */
  void compact(long revision);

  /** The revision of the last compaction, or 0 if none. */
  long compactRevision();

  @Override
  void close();
}
