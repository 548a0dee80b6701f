package io.tidewater.store;

import java.util.Optional;

/** The outcome of a conditional write. */
public sealed interface WriteResult {

  /** The write happened at {@code kv.modRevision()}. */
  record Written(KeyValue kv) implements WriteResult {}

  /** The condition failed; {@code current} is the key's current value, if it exists. */
  record Conflict(Optional<KeyValue> current) implements WriteResult {}
}
