package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A part of an image reference {@code [registry/]repository[:tag]}. */
public enum ImageComponent {
  @JsonProperty("Registry")
  REGISTRY,
  @JsonProperty("Repository")
  REPOSITORY,
  @JsonProperty("Tag")
  TAG
}
