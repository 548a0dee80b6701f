package io.tidewater.apiserver.storage;

/** Kubernetes watch event types. */
public enum EventType {
  ADDED,
  MODIFIED,
  DELETED,
  BOOKMARK,
  ERROR
}
