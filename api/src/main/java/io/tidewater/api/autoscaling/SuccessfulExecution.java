package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.kinds.openapi.SchemaRef;

/** One successful run of a rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuccessfulExecution(
    @Required @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("ScheduleTime is when the rule was due.") String scheduleTime,
    @Required @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("ExecutionTime is when it ran.") String executionTime,
    @JsonPropertyDescription("AppliedReplicas is the replicas set, for a template target.") Integer appliedReplicas,
    @JsonPropertyDescription("AppliedMaxReplicas is the maxReplicas set, for a FederatedHPA target.") Integer appliedMaxReplicas,
    @JsonPropertyDescription("AppliedMinReplicas is the minReplicas set, for a FederatedHPA target.") Integer appliedMinReplicas) {}
