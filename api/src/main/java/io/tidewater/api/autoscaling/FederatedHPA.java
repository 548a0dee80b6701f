package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** One autoscaler for a template across all clusters ({@code autoscaling.tidewater.io/v1alpha1}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "FederatedHPA scales a template on its load summed over every member cluster: one decision for the whole"
        + " fleet, so minReplicas can be 1 fleet-wide. The scheduler places scale-out self-built first and takes"
        + " scale-in from cloud first. Spec and status are those of autoscaling/v2 HorizontalPodAutoscaler, as in"
        + " Karmada's FederatedHPA.")
public record FederatedHPA(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the desired behaviour of the autoscaler.") FederatedHPASpec spec,
    @JsonPropertyDescription("Status is the autoscaler's observed state, as for a HorizontalPodAutoscaler.")
        HorizontalPodAutoscalerStatus status)
    implements TidewaterObject {

  public static final String GROUP = "autoscaling.tidewater.io";
  public static final String API_VERSION = GROUP + "/v1alpha1";
  public static final String KIND = "FederatedHPA";
}
