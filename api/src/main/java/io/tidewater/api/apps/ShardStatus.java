package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** The state of one shard (column). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardStatus(
    @Required @JsonPropertyDescription("Index of the shard, from 0.") Integer index,
    @JsonPropertyDescription("Replicas is the number of the shard's pods.") Integer replicas,
    @JsonPropertyDescription("ReadyReplicas is the number of its Ready pods.") Integer readyReplicas,
    @JsonPropertyDescription("UpdatedReplicas is the number of its pods on updateRevision.") Integer updatedReplicas,
    @ListMap(keys = "name") @JsonPropertyDescription("Clusters the shard's pods run in.") List<ShardClusterStatus> clusters) {}
