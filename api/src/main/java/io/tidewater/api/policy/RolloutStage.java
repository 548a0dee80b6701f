package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** One stage of a staged rollout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStage(
    @Required @JsonPropertyDescription("Name of the stage, an RFC 1123 label unique in the list, for example canary.")
        String name,
    @JsonPropertyDescription(
            "ClusterAffinity selects the stage's clusters (fieldSelector key tier selects a tier). A cluster"
                + " belongs to the first stage that selects it. Unset selects the clusters of the tier named like the"
                + " stage.")
        ClusterAffinity clusterAffinity,
    @JsonPropertyDescription("Pause holds the rollout after this stage passes its gate, for a duration or until resumed.")
        RolloutPause pause,
    @JsonPropertyDescription("HealthGate for this stage, replacing the rollout's.") HealthGate healthGate) {}
