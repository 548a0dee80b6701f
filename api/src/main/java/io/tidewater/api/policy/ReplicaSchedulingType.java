package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Duplicated or Divided. */
public enum ReplicaSchedulingType {
  @JsonProperty("Duplicated")
  DUPLICATED,
  @JsonProperty("Divided")
  DIVIDED
}
