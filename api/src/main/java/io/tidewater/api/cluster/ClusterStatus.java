package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.SchemaRef;
import java.util.List;

/** The observed state of a member cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterStatus(
    @JsonPropertyDescription("KubernetesVersion is the version the member's API server reports.") String kubernetesVersion,
    @ListMap(keys = "type")
        @JsonPropertyDescription("Conditions of the member. Ready is True while the member's /readyz answers ok.")
        List<Condition> conditions,
    @SchemaRef(SchemaRef.TIME)
        @JsonPropertyDescription("LastHeartbeatTime is when the member last answered a probe, in RFC 3339.")
        String lastHeartbeatTime,
    @JsonPropertyDescription("NodeSummary counts the member's nodes.") NodeSummary nodeSummary,
    @JsonPropertyDescription("ResourceSummary sums the member's resources over all nodes, including pods.")
        ResourceSummary resourceSummary,
    @ListMap(keys = "type") @JsonPropertyDescription("GPUs summarises the member's GPUs by model.") List<GpuSummary> gpus,
    @ListMap(keys = "name")
        @JsonPropertyDescription(
            "NodePools are the member's node equivalence classes: nodes with the same labels, taints and"
                + " allocatable resources, with their count. The estimator works on these, not on single nodes.")
        List<NodePoolStatus> nodePools) {}
