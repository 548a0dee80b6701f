package io.tidewater.api.autoscaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** The desired behaviour of a FederatedHPA: HorizontalPodAutoscalerSpec's fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FederatedHPASpec(
    @Required
        @JsonPropertyDescription(
            "ScaleTargetRef is the template to scale (a Deployment, StatefulSet, ShardedSet or anything with a scale"
                + " subresource); its pods in every member are measured.")
        CrossVersionObjectReference scaleTargetRef,
    @JsonPropertyDescription("MinReplicas is the fewest replicas fleet-wide (1 or more). Defaults to 1.") Integer minReplicas,
    @Required @JsonPropertyDescription("MaxReplicas is the most replicas fleet-wide; not below minReplicas.") Integer maxReplicas,
    @JsonPropertyDescription(
            "Metrics to scale on, aggregated over all members; the largest proposal wins. Defaults to 80% average"
                + " CPU utilisation.")
        List<MetricSpec> metrics,
    @JsonPropertyDescription(
            "Behavior configures scale-up and scale-down (stabilisation windows, policies) as in autoscaling/v2;"
                + " unset fields take Kubernetes' defaults.")
        HorizontalPodAutoscalerBehavior behavior) {}
