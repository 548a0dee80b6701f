package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.tidewater.api.kinds.openapi.ListMap;
import java.util.List;

/** The observed state of a ShardedSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardedSetStatus(
    @JsonPropertyDescription("ObservedGeneration is the metadata.generation this status describes.") Long observedGeneration,
    @JsonPropertyDescription("Replicas is the number of pods, over all shards and clusters.") Integer replicas,
    @JsonPropertyDescription("ReadyReplicas is the number of Ready pods.") Integer readyReplicas,
    @JsonPropertyDescription("AvailableReplicas is the number of pods Ready for at least minReadySeconds.") Integer availableReplicas,
    @JsonPropertyDescription("UpdatedReplicas is the number of pods on updateRevision.") Integer updatedReplicas,
    @JsonPropertyDescription(
            "ReplicasPerShard is the number of complete rows: the fewest pods any shard has. The scale subresource"
                + " reads it.")
        Integer replicasPerShard,
    @JsonPropertyDescription("Selector is spec.selector in string form, for the scale subresource.") String selector,
    @JsonPropertyDescription("CurrentRevision is the revision of the pods not yet updated.") String currentRevision,
    @JsonPropertyDescription("UpdateRevision is the revision of spec.template.") String updateRevision,
    @ListMap(keys = "type") @JsonPropertyDescription("Conditions of the set.") List<Condition> conditions,
    @ListMap(keys = "index") @JsonPropertyDescription("Shards is the status of each shard.") List<ShardStatus> shards) {}
