package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What must hold for a stage's updated replicas before the rollout moves on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthGate(
    @JsonPropertyDescription(
            "MinAvailablePercent of the stage's desired replicas must be available on the new revision (0-100)."
                + " Defaults to 100.")
        Integer minAvailablePercent,
    @JsonPropertyDescription("MaxFailedPods is the most pods of the stage that may be Failed (0 or more). Defaults to 0.")
        Integer maxFailedPods,
    @JsonPropertyDescription(
            "MaxCrashLoopingPods is the most pods of the stage that may be restarting in CrashLoopBackOff (0 or more)."
                + " Defaults to 0.")
        Integer maxCrashLoopingPods,
    @JsonPropertyDescription(
            "Timeout is how long the gate may take to pass, a Go duration; then the rollout halts with a condition"
                + " on the template. Defaults to 10m.")
        String timeout) {}
