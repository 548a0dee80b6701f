package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Health of an object in a member. */
public enum ResourceHealth {
  @JsonProperty("Healthy")
  HEALTHY,
  @JsonProperty("Unhealthy")
  UNHEALTHY,
  @JsonProperty("Unknown")
  UNKNOWN
}
