package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** Scheduled (tidal) scaling ({@code autoscaling.tidewater.io/v1alpha1}, namespaced). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "CronFederatedHPA changes replicas, or a FederatedHPA's min and max, on cron schedules: scale out before the"
        + " evening peak, back in at night. Shaped like Karmada's CronFederatedHPA.")
public record CronFederatedHPA(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the target and the rules.") CronFederatedHPASpec spec,
    @JsonPropertyDescription("Status records the executions of each rule.") CronFederatedHPAStatus status)
    implements TidewaterObject {

  public static final String KIND = "CronFederatedHPA";
}
