package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Failover of one unhealthy application, shaped like Karmada's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationFailoverBehavior(
    @JsonPropertyDescription("DecisionConditions say when the application counts as failed in a cluster.")
        DecisionConditions decisionConditions,
    @JsonPropertyDescription(
            "PurgeMode says when the failed copies are removed: Graceful (default) once the replacements are"
                + " available or gracePeriodSeconds passed, Immediately, or Never.")
        PurgeMode purgeMode,
    @JsonPropertyDescription(
            "GracePeriodSeconds bounds how long Graceful purging waits for the replacements (1 or more). Only with"
                + " purgeMode Graceful; defaults to 600.")
        Integer gracePeriodSeconds) {}
