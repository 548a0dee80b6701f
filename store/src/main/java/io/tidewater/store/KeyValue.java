package io.tidewater.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One version of one key. {@code createRevision} is the revision at which the key was created
 * (reset when a deleted key is created again); {@code modRevision} is the revision of this version.
 * {@code version} counts writes to the key since its creation, starting at 1.
 *
 * <p>The value array may be shared with the store: do not modify it. Equality compares the value's
 * contents (a record would compare the array reference), so key-values can be compared in tests
 * and caches.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {

  /** The value as UTF-8 text, for logs and tests; null when the value is null. */
  public String valueAsString() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue other
        && key.equals(other.key)
        && Arrays.equals(value, other.value)
        && createRevision == other.createRevision
        && modRevision == other.modRevision
        && version == other.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), createRevision, modRevision, version);
  }

  @Override
  public String toString() {
    String shown = value == null ? "null" : value.length + " bytes";
    return "KeyValue[key=" + key + ", value=" + shown + ", createRevision=" + createRevision
        + ", modRevision=" + modRevision + ", version=" + version + "]";
  }
}
