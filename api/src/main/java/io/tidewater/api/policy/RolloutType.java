package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Staged or Parallel. */
public enum RolloutType {
  @JsonProperty("Staged")
  STAGED,
  @JsonProperty("Parallel")
  PARALLEL
}
