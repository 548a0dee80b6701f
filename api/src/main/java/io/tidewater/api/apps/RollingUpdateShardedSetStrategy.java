package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.IntOrString;

/** The budget of a rolling update. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollingUpdateShardedSetStrategy(
    @JsonPropertyDescription(
            "MaxUnavailable is the most pods of the whole set (summed over all clusters) that may be unavailable"
                + " during the update: a number, or a percentage of shards x replicasPerShard rounded down, at least"
                + " 1. Defaults to 1.")
        IntOrString maxUnavailable,
    @JsonPropertyDescription(
            "Partition: in every shard, rows with an index below it stay on the old revision, so shards x partition"
                + " pods remain old. Defaults to 0.")
        Integer partition) {}
