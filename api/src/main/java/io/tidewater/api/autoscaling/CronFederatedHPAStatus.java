package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.ListMap;
import java.util.List;

/** Execution records per rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronFederatedHPAStatus(
    @ListMap(keys = "ruleName") @JsonPropertyDescription("ExecutionHistories, one per rule.") List<ExecutionHistory> executionHistories) {}
