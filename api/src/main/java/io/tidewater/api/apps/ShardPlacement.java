package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.policy.SpreadField;

/**
 * Hints for spreading shards over member clusters. Which clusters are eligible is still the propagation
 * policy's decision; this says how the rows of one shard are laid out over them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardPlacement(
    @JsonPropertyDescription(
            "SpreadByField is the failure domain to spread each shard's rows over: cluster (default), region, zone,"
                + " provider or tier.")
        SpreadField spreadByField,
    @JsonPropertyDescription(
            "MinGroupsPerShard is the fewest domains each shard's rows must span, so losing one domain never takes"
                + " a whole shard down (1 or more, at most replicasPerShard). Defaults to 1.")
        Integer minGroupsPerShard) {}
