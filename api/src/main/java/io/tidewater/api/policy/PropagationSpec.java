package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** The desired behaviour of a (Cluster)PropagationPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PropagationSpec(
    @Required @JsonPropertyDescription("ResourceSelectors select the templates to propagate; at least one is required.")
        List<ResourceSelector> resourceSelectors,
    @JsonPropertyDescription(
            "PropagateDeps makes the ConfigMaps, Secrets and ServiceAccounts that a selected workload's pod template"
                + " references follow it to every cluster it reaches, without selecting them. Defaults to false.")
        Boolean propagateDeps,
    @JsonPropertyDescription("Placement says which clusters the templates go to and how replicas are divided.")
        Placement placement,
    @JsonPropertyDescription(
            "Priority decides between policies that select the same template: the higher wins; at equal priority the"
                + " more specific selector (name, then label selector, then kind) wins. Defaults to 0.")
        Integer priority,
    @JsonPropertyDescription(
            "ConflictResolution says what to do when a propagated object already exists, unmanaged, in a member:"
                + " Abort (default) leaves it alone and reports the conflict; Overwrite takes it over.")
        ConflictResolution conflictResolution,
    @JsonPropertyDescription("Failover says how replicas leave clusters that fail.") FailoverBehavior failover,
    @JsonPropertyDescription(
            "Rollout says how changes to the selected templates reach clusters: in stages with health gates (the"
                + " default) or in parallel, always within the template's own maxSurge and maxUnavailable summed over"
                + " all clusters.")
        RolloutStrategy rollout) {}
