package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** A fixed weight for the clusters a selector picks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StaticClusterWeight(
    @Required @JsonPropertyDescription("TargetCluster selects the clusters that get this weight.") ClusterAffinity targetCluster,
    @Required @JsonPropertyDescription("Weight of the selected clusters, 1 or more.") Long weight) {}
