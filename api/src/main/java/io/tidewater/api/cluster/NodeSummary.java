package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Node counts of a member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSummary(
    @JsonPropertyDescription("TotalNum is the number of nodes.") Integer totalNum,
    @JsonPropertyDescription("ReadyNum is the number of Ready nodes.") Integer readyNum) {}
