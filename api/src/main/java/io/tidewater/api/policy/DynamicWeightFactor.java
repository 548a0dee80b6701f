package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What dynamic weights are computed from. */
public enum DynamicWeightFactor {
  @JsonProperty("AvailableReplicas")
  AVAILABLE_REPLICAS
}
