package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** The propagation policy behind a binding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyReference(
    @Required @JsonPropertyDescription("Kind: PropagationPolicy or ClusterPropagationPolicy.") String kind,
    @JsonPropertyDescription("Namespace of a PropagationPolicy; empty for a ClusterPropagationPolicy.") String namespace,
    @Required @JsonPropertyDescription("Name of the policy.") String name,
    @JsonPropertyDescription("UID of the policy.") String uid) {}
