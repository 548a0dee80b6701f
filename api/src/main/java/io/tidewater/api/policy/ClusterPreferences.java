package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Weights for Weighted division: static, or dynamic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterPreferences(
    @JsonPropertyDescription("StaticWeightList gives clusters fixed weights. May not be set with dynamicWeight.")
        List<StaticClusterWeight> staticWeightList,
    @JsonPropertyDescription(
            "DynamicWeight computes weights when scheduling: AvailableReplicas weighs each cluster by how many more"
                + " replicas fit in it.")
        DynamicWeightFactor dynamicWeight) {}
