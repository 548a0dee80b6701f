package io.tidewater.store;

import java.util.Optional;

/**
 * A multi-version key-value store with etcd's semantics. Every successful write bumps one global
 * revision by exactly one; a key's history is addressable by revision until it is compacted.
 *
 * <p>Keys are non-empty strings, stored and ordered as UTF-8 bytes (as etcd orders them); values
 * are opaque bytes, never null. Value arrays handed to a write are copied; value arrays returned by
 * reads may be shared and must not be modified. Implementations are thread-safe. Expected outcomes
 * of conditional writes (a key that exists, a stale modification revision) are results, not
 * exceptions; infrastructure failures are {@link StoreException}s, and so is any call on a closed
 * store.
 */
public interface Store extends AutoCloseable {

  /**
   * The revision of the most recent write, or the initial revision of an empty store: 1, as for
   * etcd, so the first write is revision 2 on every implementation.
   */
  long currentRevision();

  /** The latest value of {@code key}, if it exists. */
  Optional<KeyValue> get(String key);

  /**
   * The value of {@code key} as of {@code revision}; {@code revision} 0 means the latest.
   *
   * @throws CompactedException if {@code revision} is older than the compaction revision
   * @throws FutureRevisionException if {@code revision} is newer than the current revision
   */
  Optional<KeyValue> get(String key, long revision);

  /**
   * A consistent range over keys with a prefix, in key order, at one revision.
   *
   * @throws CompactedException if the request's revision is older than the compaction revision
   * @throws FutureRevisionException if the request's revision is newer than the current revision
   */
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
   * store. {@code startRevision} 0 means "changes after now"; a start revision beyond the current
   * one waits for it. A watch that cannot keep up (its buffer overflows) ends with a {@link
   * StoreException} through {@link WatchListener#onError}; the caller re-watches from the revision
   * after the last event it received.
   *
   * @throws CompactedException if {@code startRevision} is older than the compaction revision
   */
  Watch watch(String prefix, long startRevision, WatchListener listener);

  /**
   * Drops history older than {@code revision}: reads at a revision below it, and watches starting
   * below it, fail with {@link CompactedException}. The state at {@code revision} stays readable.
   * Compacting to a revision at or below the current compaction revision does nothing.
   *
   * @throws FutureRevisionException if {@code revision} is newer than the current revision
   */
  void compact(long revision);

  /** The revision of the last compaction, or 0 if none. */
  long compactRevision();

  @Override
  void close();
}
