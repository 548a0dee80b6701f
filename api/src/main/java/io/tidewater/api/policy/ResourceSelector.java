package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.tidewater.api.kinds.openapi.Required;

/** Selects templates by type, and optionally namespace, name or labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceSelector(
    @Required @JsonPropertyDescription("APIVersion of the selected templates, for example apps/v1.") String apiVersion,
    @Required @JsonPropertyDescription("Kind of the selected templates, for example Deployment.") String kind,
    @JsonPropertyDescription(
            "Namespace of the selected templates. Empty means the policy's own namespace for a PropagationPolicy and"
                + " every namespace for a ClusterPropagationPolicy.")
        String namespace,
    @JsonPropertyDescription("Name of the selected template. Empty selects all of the kind; when set, labelSelector is ignored.")
        String name,
    @JsonPropertyDescription("LabelSelector selects templates by label.") LabelSelector labelSelector) {}
