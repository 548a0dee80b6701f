package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Aggregated or Weighted. */
public enum ReplicaDivisionPreference {
  @JsonProperty("Aggregated")
  AGGREGATED,
  @JsonProperty("Weighted")
  WEIGHTED
}
