package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.kinds.openapi.SchemaRef;

/** One failed run of a rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailedExecution(
    @Required @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("ScheduleTime is when the rule was due.") String scheduleTime,
    @Required @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("ExecutionTime is when it ran.") String executionTime,
    @Required @JsonPropertyDescription("Message says why it failed.") String message) {}
