package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.tidewater.api.kinds.openapi.ListSet;
import java.util.List;

/** Selects clusters; all fields that are set must match (logical AND). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterAffinity(
    @JsonPropertyDescription("LabelSelector selects clusters by their labels.") LabelSelector labelSelector,
    @JsonPropertyDescription(
            "FieldSelector selects clusters by spec fields: keys provider, region, zone and tier, operators In and"
                + " NotIn.")
        FieldSelector fieldSelector,
    @ListSet @JsonPropertyDescription("ClusterNames selects exactly these clusters.") List<String> clusterNames,
    @ListSet @JsonPropertyDescription("Exclude removes these clusters from the selection.") List<String> exclude) {

  /** Selects the clusters of one tier: {@code fieldSelector tier In [name]}. */
  public static ClusterAffinity ofTier(String tier) {
    return new ClusterAffinity(null, new FieldSelector(List.of(new io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder()
        .withKey(FieldSelector.TIER).withOperator("In").withValues(tier).build())), null, null);
  }
}
