package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How pods move to a new template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardedSetUpdateStrategy(
    @JsonPropertyDescription("Type: RollingUpdate (default) replaces pods automatically; OnDelete only when they are deleted.")
        ShardedSetUpdateStrategyType type,
    @JsonPropertyDescription("RollingUpdate parameters, only with type RollingUpdate.") RollingUpdateShardedSetStrategy rollingUpdate) {}
