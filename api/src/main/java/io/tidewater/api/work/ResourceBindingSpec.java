package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.policy.ConflictResolution;
import io.tidewater.api.policy.FailoverBehavior;
import io.tidewater.api.policy.Placement;
import io.tidewater.api.policy.RolloutStrategy;
import java.util.List;

/** The template, what each replica needs, and where the scheduler put it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceBindingSpec(
    @Required @JsonPropertyDescription("Resource is the template this binding propagates. Immutable.") ObjectReference resource,
    @JsonPropertyDescription("PropagateDeps, copied from the policy: dependencies of the template follow it.") Boolean propagateDeps,
    @JsonPropertyDescription("ReplicaRequirements is what each replica needs, for the estimator.") ReplicaRequirements replicaRequirements,
    @JsonPropertyDescription("Replicas is the template's desired replica count (0 for objects without replicas).") Integer replicas,
    @ListMap(keys = "name")
        @JsonPropertyDescription("Clusters is the scheduler's decision: the target clusters, their replicas and the reason.")
        List<TargetCluster> clusters,
    @JsonPropertyDescription("Placement is a snapshot of the policy's placement the decision was made with.") Placement placement,
    @JsonPropertyDescription("PolicyRef is the propagation policy that selected the template.") PolicyReference policyRef,
    @JsonPropertyDescription("Failover, copied from the policy.") FailoverBehavior failover,
    @JsonPropertyDescription("ConflictResolution, copied from the policy: Abort or Overwrite.") ConflictResolution conflictResolution,
    @JsonPropertyDescription(
            "GracefulEvictionTasks are replicas leaving a cluster (failover, come-home) that are removed only once"
                + " their replacements elsewhere are available or the grace period ends.")
        List<GracefulEvictionTask> gracefulEvictionTasks,
    @JsonPropertyDescription("Rollout, copied from the policy: how changes to the template reach the clusters (stages and gates).")
        RolloutStrategy rollout) {}
