package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.openapi.Required;

/** The template's state in one member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregatedStatusItem(
    @Required @JsonPropertyDescription("ClusterName is the member.") String clusterName,
    @JsonPropertyDescription("Status is the member object's status, as the member reports it.") ObjectNode status,
    @JsonPropertyDescription("Applied is true when the object was applied in the member.") Boolean applied,
    @JsonPropertyDescription("AppliedMessage explains a failed apply.") String appliedMessage,
    @JsonPropertyDescription("Health of the object in the member: Healthy, Unhealthy or Unknown.") ResourceHealth health) {}
