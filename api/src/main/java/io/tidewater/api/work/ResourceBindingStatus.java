package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.SchemaRef;
import java.util.List;

/** The scheduler's progress and the template's state in each member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceBindingStatus(
    @JsonPropertyDescription(
            "SchedulerObservedGeneration is the metadata.generation the scheduler last acted on; below"
                + " metadata.generation means a decision is pending.")
        Long schedulerObservedGeneration,
    @SchemaRef(SchemaRef.TIME) @JsonPropertyDescription("LastScheduledTime is when the scheduler last decided.") String lastScheduledTime,
    @ListMap(keys = "type")
        @JsonPropertyDescription(
            "Conditions: Scheduled (False with reason Unschedulable and a message naming how many replicas could"
                + " not be placed) and FullyApplied.")
        List<Condition> conditions,
    @JsonPropertyDescription(
            "UnschedulableReplicas is how many desired replicas fit nowhere; they are reported, never dropped.")
        Integer unschedulableReplicas,
    @ListMap(keys = "clusterName")
        @JsonPropertyDescription("AggregatedStatus is the template's status in each target cluster.")
        List<AggregatedStatusItem> aggregatedStatus) {}
