package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** What to scale and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronFederatedHPASpec(
    @Required
        @JsonPropertyDescription(
            "ScaleTargetRef is what to scale: a FederatedHPA (rules then set its min and max) or any template with a"
                + " scale subresource (rules then set its replicas).")
        CrossVersionObjectReference scaleTargetRef,
    @Required
        @ListMap(keys = "name")
        @JsonPropertyDescription("Rules are the schedules and their actions; at least one, names unique.")
        List<CronFederatedHPARule> rules) {}
