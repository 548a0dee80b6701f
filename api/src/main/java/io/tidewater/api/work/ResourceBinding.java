package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** The scheduler's decision for one template ({@code work.tidewater.io/v1alpha1}, namespaced). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "ResourceBinding binds one template to the clusters it runs in: the scheduler writes the target clusters,"
        + " their replicas and why; the status aggregates what each member reports. Shaped like Karmada's"
        + " ResourceBinding (work.karmada.io/v1alpha2).")
public record ResourceBinding(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the template, its requirements and the scheduling decision.") ResourceBindingSpec spec,
    @JsonPropertyDescription("Status is the scheduler's progress and the template's state in each member.")
        ResourceBindingStatus status)
    implements TidewaterObject {

  public static final String GROUP = "work.tidewater.io";
  public static final String API_VERSION = GROUP + "/v1alpha1";
  public static final String KIND = "ResourceBinding";

  /** Condition type: the scheduler placed the template; False names the replicas it could not place. */
  public static final String CONDITION_SCHEDULED = "Scheduled";
  /** Condition type: the template is applied in every target cluster. */
  public static final String CONDITION_FULLY_APPLIED = "FullyApplied";
}
