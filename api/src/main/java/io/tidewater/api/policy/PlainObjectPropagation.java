package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether changes to objects without replicas are staged. */
public enum PlainObjectPropagation {
  @JsonProperty("Staged")
  STAGED,
  @JsonProperty("Immediate")
  IMMEDIATE
}
