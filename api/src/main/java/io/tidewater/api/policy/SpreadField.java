package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The cluster field that groups clusters for spreading. */
public enum SpreadField {
  @JsonProperty("cluster")
  CLUSTER,
  @JsonProperty("region")
  REGION,
  @JsonProperty("zone")
  ZONE,
  @JsonProperty("provider")
  PROVIDER,
  @JsonProperty("tier")
  TIER
}
