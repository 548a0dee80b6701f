package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;
import java.util.Map;

/** A group of identical simulated nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodePool(
    @Required @JsonPropertyDescription("Name of the pool, an RFC 1123 label unique in the cluster; nodes are named after it.")
        String name,
    @Required @JsonPropertyDescription("Count is the number of nodes in the pool (0 or more).") Integer count,
    @Required @JsonPropertyDescription("CPU is each node's allocatable CPU, for example \"64\" or \"95500m\".") Quantity cpu,
    @Required @JsonPropertyDescription("Memory is each node's allocatable memory, for example \"256Gi\".") Quantity memory,
    @JsonPropertyDescription("Pods is each node's maximum number of pods (maxPods). Defaults to 110.") Integer pods,
    @JsonPropertyDescription("GPU describes each node's GPUs, published as the nvidia.com/gpu resource.") NodePoolGpu gpu,
    @JsonPropertyDescription("Labels are put on every node of the pool, in addition to the well-known node labels.")
        Map<String, String> labels,
    @JsonPropertyDescription("Taints are put on every node of the pool.") List<Taint> taints) {}
