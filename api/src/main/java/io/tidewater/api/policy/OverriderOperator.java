package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** add, remove or replace. */
public enum OverriderOperator {
  @JsonProperty("add")
  ADD,
  @JsonProperty("remove")
  REMOVE,
  @JsonProperty("replace")
  REPLACE
}
