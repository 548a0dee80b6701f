package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The timing of pods in a simulated member, as Go durations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodLifecycle(
    @JsonPropertyDescription(
            "StartupDelay is how long a scheduled pod stays Pending before it runs (image pull and container start),"
                + " as a Go duration such as 500ms or 2s. Defaults to 1s.")
        String startupDelay,
    @JsonPropertyDescription("ReadyDelay is how long a running pod takes to become Ready. Defaults to 1s.") String readyDelay,
    @JsonPropertyDescription(
            "TerminationDelay is how long a deleted pod takes to exit, capped by its grace period. Defaults to 1s.")
        String terminationDelay) {

  public static final String DEFAULT_DELAY = "1s";
}
