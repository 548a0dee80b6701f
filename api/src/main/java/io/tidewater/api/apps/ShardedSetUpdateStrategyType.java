package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RollingUpdate or OnDelete. */
public enum ShardedSetUpdateStrategyType {
  @JsonProperty("RollingUpdate")
  ROLLING_UPDATE,
  @JsonProperty("OnDelete")
  ON_DELETE
}
