package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** When an application counts as failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionConditions(
    @JsonPropertyDescription("TolerationSeconds is how long the application may stay unhealthy (0 or more). Defaults to 300.")
        Integer tolerationSeconds) {}
