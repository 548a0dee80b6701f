package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** Per-cluster changes to templates ({@code policy.tidewater.io/v1alpha1}, namespaced). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "OverridePolicy changes templates of its namespace on their way to particular clusters or tiers: image"
        + " registry, command, args, labels, annotations, env, resources, or any field by JSON patch. Field names"
        + " follow Karmada's OverridePolicy; envOverrider and resourcesOverrider are Tidewater's.")
public record OverridePolicy(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the desired behaviour of the policy.") OverrideSpec spec)
    implements io.tidewater.api.kinds.TidewaterObject {

  public static final String KIND = "OverridePolicy";
}
