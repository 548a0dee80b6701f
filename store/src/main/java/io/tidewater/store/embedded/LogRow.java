package io.tidewater.store.embedded;

import io.tidewater.store.KeyValue;

/**
 * One write as the revision log records it (kine-style: one row per revision).
 *
 * @param prevRevision the revision of the live version this write replaced or deleted; 0 when it
 *     created the key
 * @param createRevision for a deletion, the create revision of the deleted version
 * @param version for a deletion, 0
 * @param value null for a deletion
 */
record LogRow(
    long revision, String key, long createRevision, long prevRevision, long version, boolean deleted, byte[] value) {

  static LogRow put(KeyValue kv, long prevRevision) {
    return new LogRow(kv.modRevision(), kv.key(), kv.createRevision(), prevRevision, kv.version(), false, kv.value());
  }

  static LogRow delete(KeyValue deleted, long revision) {
    return new LogRow(revision, deleted.key(), deleted.createRevision(), deleted.modRevision(), 0, true, null);
  }

  /** The key-value this row wrote; a tombstone (null value) for a deletion. */
  KeyValue kv() {
    return deleted ? new KeyValue(key, null, 0, revision, 0) : new KeyValue(key, value, createRevision, revision, version);
  }
}
