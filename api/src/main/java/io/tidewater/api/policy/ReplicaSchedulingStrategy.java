package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the replicas of a workload are scheduled over the selected clusters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSchedulingStrategy(
    @JsonPropertyDescription(
            "ReplicaSchedulingType: Duplicated runs the full replica count in every selected cluster; Divided"
                + " (default) divides it among them, tier by tier.")
        ReplicaSchedulingType replicaSchedulingType,
    @JsonPropertyDescription(
            "ReplicaDivisionPreference, for Divided only: Aggregated uses as few clusters as possible; Weighted"
                + " (default) divides by weightPreference.")
        ReplicaDivisionPreference replicaDivisionPreference,
    @JsonPropertyDescription(
            "WeightPreference, for Weighted only: static weights, or weights from available replicas (default).")
        ClusterPreferences weightPreference) {}
