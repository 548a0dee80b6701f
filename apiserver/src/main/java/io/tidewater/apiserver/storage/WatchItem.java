package io.tidewater.apiserver.storage;

/** One event as a particular watcher sees it, after its filter has been applied. */
public record WatchItem(EventType type, CachedObject object, long revision) {}
