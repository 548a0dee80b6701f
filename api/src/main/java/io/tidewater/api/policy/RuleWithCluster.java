package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** Changes for the clusters one selector picks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleWithCluster(
    @JsonPropertyDescription(
            "TargetCluster selects the clusters the rule applies to; fieldSelector key tier selects a whole tier."
                + " Unset means every cluster.")
        ClusterAffinity targetCluster,
    @Required @JsonPropertyDescription("Overriders are the changes, applied in the order of the fields below.")
        Overriders overriders) {}
