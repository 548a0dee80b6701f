package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Which templates, and which changes on which clusters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OverrideSpec(
    @JsonPropertyDescription("ResourceSelectors restrict the templates the policy changes. Unset means all of the namespace.")
        List<ResourceSelector> resourceSelectors,
    @JsonPropertyDescription("OverrideRules are applied in order; each changes the templates sent to the clusters it targets.")
        List<RuleWithCluster> overrideRules) {}
