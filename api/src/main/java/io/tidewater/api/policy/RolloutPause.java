package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A pause after a stage: exactly one of duration and untilResumed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPause(
    @JsonPropertyDescription("Duration of the pause, a Go duration such as 10m.") String duration,
    @JsonPropertyDescription(
            "UntilResumed holds the rollout until it is resumed, for example with kubectl rollout resume on the"
                + " template.")
        Boolean untilResumed) {}
