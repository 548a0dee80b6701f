package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Spreads templates over groups of clusters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpreadConstraint(
    @JsonPropertyDescription(
            "SpreadByField groups clusters by a spec field: cluster, region, zone, provider or tier. It may not be"
                + " set together with spreadByLabel; when neither is set it defaults to cluster.")
        SpreadField spreadByField,
    @JsonPropertyDescription("SpreadByLabel groups clusters by the value of this label key.") String spreadByLabel,
    @JsonPropertyDescription("MaxGroups is the most groups to use. Unset means no limit.") Integer maxGroups,
    @JsonPropertyDescription("MinGroups is the fewest groups to use. Defaults to 1.") Integer minGroups) {}
