package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** A shard's pods in one cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardClusterStatus(
    @Required @JsonPropertyDescription("Name of the member cluster.") String name,
    @JsonPropertyDescription("Replicas of the shard in the cluster.") Integer replicas,
    @JsonPropertyDescription("ReadyReplicas of the shard in the cluster.") Integer readyReplicas) {}
