package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What to do with an object that already exists, unmanaged, in a member. */
public enum ConflictResolution {
  @JsonProperty("Abort")
  ABORT,
  @JsonProperty("Overwrite")
  OVERWRITE
}
