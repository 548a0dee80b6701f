package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** Propagates templates of any namespace, and cluster-scoped ones ({@code policy.tidewater.io/v1alpha1}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "ClusterPropagationPolicy is a PropagationPolicy for the whole federation: it can select templates in any"
        + " namespace and cluster-scoped templates. A matching PropagationPolicy always takes precedence.")
public record ClusterPropagationPolicy(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the desired behaviour of the policy.") PropagationSpec spec)
    implements AnyPropagationPolicy {

  public static final String KIND = "ClusterPropagationPolicy";
}
