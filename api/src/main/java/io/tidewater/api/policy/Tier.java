package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.tidewater.api.kinds.openapi.ListSet;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/**
 * One step of the tier order: a named cluster selection, shaped like Karmada's ClusterAffinityTerm (a name
 * plus the fields of ClusterAffinity).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tier(
    @Required
        @JsonPropertyDescription(
            "Name of the tier, an RFC 1123 label unique in the list. With no selector fields, the tier is the"
                + " clusters whose spec.tier equals the name.")
        String name,
    @JsonPropertyDescription("LabelSelector selects the tier's clusters by label.") LabelSelector labelSelector,
    @JsonPropertyDescription("FieldSelector selects the tier's clusters by spec field (provider, region, zone, tier).")
        FieldSelector fieldSelector,
    @ListSet @JsonPropertyDescription("ClusterNames puts exactly these clusters in the tier.") List<String> clusterNames,
    @ListSet @JsonPropertyDescription("Exclude removes these clusters from the tier.") List<String> exclude) {

  public static Tier named(String name) {
    return new Tier(name, null, null, null, null);
  }

  /** The clusters of this tier as a ClusterAffinity: the selector fields, or spec.tier equal to the name. */
  @JsonIgnore
  public ClusterAffinity affinity() {
    if (labelSelector == null && fieldSelector == null && clusterNames == null && exclude == null) {
      return ClusterAffinity.ofTier(name);
    }
    return new ClusterAffinity(labelSelector, fieldSelector, clusterNames, exclude);
  }
}
