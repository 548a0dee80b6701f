package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** Propagates templates of its own namespace ({@code policy.tidewater.io/v1alpha1}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "PropagationPolicy selects templates in its namespace and says where they go: which clusters, in which"
        + " tier order, how replicas are divided, how failover and rollouts behave. Field names follow Karmada's"
        + " PropagationPolicy; tiers and rollout are Tidewater's.")
public record PropagationPolicy(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the desired behaviour of the policy.") PropagationSpec spec)
    implements AnyPropagationPolicy {

  public static final String GROUP = "policy.tidewater.io";
  public static final String API_VERSION = GROUP + "/v1alpha1";
  public static final String KIND = "PropagationPolicy";
}
