package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When copies on a failed cluster are removed. */
public enum PurgeMode {
  @JsonProperty("Immediately")
  IMMEDIATELY,
  @JsonProperty("Graceful")
  GRACEFUL,
  @JsonProperty("Never")
  NEVER
}
