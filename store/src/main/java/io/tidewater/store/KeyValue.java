package io.tidewater.store;

/**
 * One version of one key. {@code createRevision} is the revision at which the key was created
 * (reset when a deleted key is created again); {@code modRevision} is the revision of this version.
 * {@code version} counts writes to the key since its creation, starting at 1.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {}
