package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** The desired state of a ShardedSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardedSetSpec(
    @JsonPropertyDescription("Shards is the number of columns (shards), 1 or more. Defaults to 1.") Integer shards,
    @JsonPropertyDescription(
            "ReplicasPerShard is the number of rows: replicas of each shard (0 or more). Defaults to 1. The scale"
                + " subresource scales this.")
        Integer replicasPerShard,
    @Required
        @JsonPropertyDescription("Selector must match the pod template's labels. Immutable.")
        LabelSelector selector,
    @Required @JsonPropertyDescription("Template is the pod template of every cell of the matrix.") PodTemplateSpec template,
    @JsonPropertyDescription(
            "ServiceName is the headless Service that gives the pods stable DNS names"
                + " (<pod>.<serviceName>.<namespace>.svc). Immutable.")
        String serviceName,
    @JsonPropertyDescription(
            "VolumeClaimTemplates give every pod its own claims, kept across rescheduling and updates. Immutable.")
        List<PersistentVolumeClaim> volumeClaimTemplates,
    @JsonPropertyDescription("UpdateStrategy says how pods move to a new template. Defaults to RollingUpdate.")
        ShardedSetUpdateStrategy updateStrategy,
    @JsonPropertyDescription(
            "PodManagementPolicy: OrderedReady (default) creates rows of a shard in order, each after the one before"
                + " is Ready; Parallel creates them together.")
        PodManagementPolicy podManagementPolicy,
    @JsonPropertyDescription("RevisionHistoryLimit is how many old revisions to keep. Defaults to 10.") Integer revisionHistoryLimit,
    @JsonPropertyDescription("MinReadySeconds a pod must be Ready to count as available. Defaults to 0.") Integer minReadySeconds,
    @JsonPropertyDescription("Placement hints for spreading shards over member clusters.") ShardPlacement placement) {}
