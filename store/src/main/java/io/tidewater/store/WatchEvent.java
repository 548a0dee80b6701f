package io.tidewater.store;

/**
 * One change to one key. For a {@link Type#DELETE}, {@code kv} carries the key, the deletion
 * revision as {@code modRevision} and a null value; {@code prevKv} is the value that was deleted.
 * For a {@link Type#PUT}, {@code prevKv} is the previous value, or null on creation.
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
  public enum Type {
    PUT,
    DELETE
  }

  public long revision() {
    return kv.modRevision();
  }
}
