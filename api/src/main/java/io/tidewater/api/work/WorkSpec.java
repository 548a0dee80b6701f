package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** The objects to apply to the member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkSpec(
    @Required @JsonPropertyDescription("Workload is the objects to apply.") WorkloadTemplate workload,
    @JsonPropertyDescription(
            "SuspendDispatching holds this Work back from the member (staged rollouts use it); the member keeps what"
                + " it has. Defaults to false.")
        Boolean suspendDispatching) {}
