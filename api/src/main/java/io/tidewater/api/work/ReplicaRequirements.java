package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** What each replica of a workload needs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaRequirements(
    @JsonPropertyDescription("ResourceRequest is the resources one replica requests (summed over its containers).")
        Map<String, Quantity> resourceRequest,
    @JsonPropertyDescription("NodeClaim is the node constraints of one replica.") NodeClaim nodeClaim,
    @JsonPropertyDescription("PriorityClassName of the replicas' pods.") String priorityClassName) {}
