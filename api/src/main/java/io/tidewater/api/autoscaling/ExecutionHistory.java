package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.kinds.openapi.SchemaRef;
import java.util.List;

/** What one rule did, and when it runs next. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionHistory(
    @Required @JsonPropertyDescription("RuleName is the rule.") String ruleName,
    @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("NextExecutionTime is the next run; unset while suspended.") String nextExecutionTime,
    @JsonPropertyDescription("SuccessfulExecutions, newest first.") List<SuccessfulExecution> successfulExecutions,
    @JsonPropertyDescription("FailedExecutions, newest first.") List<FailedExecution> failedExecutions) {}
