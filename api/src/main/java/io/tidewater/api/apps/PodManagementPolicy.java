package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OrderedReady or Parallel, as for StatefulSets. */
public enum PodManagementPolicy {
  @JsonProperty("OrderedReady")
  ORDERED_READY,
  @JsonProperty("Parallel")
  PARALLEL
}
