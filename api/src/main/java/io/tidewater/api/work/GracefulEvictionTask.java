package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.kinds.openapi.SchemaRef;

/** Replicas being removed from a cluster once their replacements are available, as in Karmada. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GracefulEvictionTask(
    @Required @JsonPropertyDescription("FromCluster is the cluster the replicas leave.") String fromCluster,
    @JsonPropertyDescription("Replicas leaving; unset for objects without replicas.") Integer replicas,
    @Required @JsonPropertyDescription("Reason, a CamelCase word such as ClusterNotReady or ComeHome.") String reason,
    @JsonPropertyDescription("Message says more about the eviction.") String message,
    @Required @JsonPropertyDescription("Producer is the controller that started the eviction.") String producer,
    @JsonPropertyDescription(
            "GracePeriodSeconds is the longest the old replicas stay if the new ones never become available (1 or"
                + " more). May not be set with suppressDeletion.")
        Integer gracePeriodSeconds,
    @JsonPropertyDescription(
            "SuppressDeletion keeps the old replicas until a person or tool intervenes (purge mode Never); set it to"
                + " false to let them drain once their replacements are available.")
        Boolean suppressDeletion,
    @JsonPropertyDescription(
            "PurgeMode copied from the policy when the task was created: Graceful, Immediately or Never.")
        io.tidewater.api.policy.PurgeMode purgeMode,
    @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("CreationTimestamp is when the task was created.") String creationTimestamp) {}
