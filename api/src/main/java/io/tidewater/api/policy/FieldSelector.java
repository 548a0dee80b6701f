package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;

/** Selects clusters by fields of their spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSelector(
    @JsonPropertyDescription(
            "MatchExpressions must all match. Keys: provider, region, zone (as in Karmada) and tier (Tidewater), for"
                + " Cluster.spec fields of the same name. Operators: In, NotIn.")
        List<NodeSelectorRequirement> matchExpressions) {

  public static final String PROVIDER = "provider";
  public static final String REGION = "region";
  public static final String ZONE = "zone";
  public static final String TIER = "tier";
  public static final List<String> KEYS = List.of(PROVIDER, REGION, ZONE, TIER);
  public static final List<String> OPERATORS = List.of("In", "NotIn");
}
