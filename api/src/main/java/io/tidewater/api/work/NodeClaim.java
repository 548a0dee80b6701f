package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** The hard node constraints of a replica's pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeClaim(
    @JsonPropertyDescription("HardNodeAffinity is the pod's requiredDuringSchedulingIgnoredDuringExecution node affinity.")
        NodeSelector hardNodeAffinity,
    @JsonPropertyDescription("NodeSelector is the pod's node selector.") Map<String, String> nodeSelector,
    @JsonPropertyDescription("Tolerations are the pod's tolerations.") List<Toleration> tolerations) {}
