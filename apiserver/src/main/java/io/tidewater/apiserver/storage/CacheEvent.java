package io.tidewater.apiserver.storage;

/**
 * A change to one object as seen by the cache. {@code previous} is the object before the change
 * (null for ADDED); for DELETED, {@code object} is the last state with the deletion revision.
 */
public record CacheEvent(EventType type, CachedObject object, CachedObject previous, long revision) {}
