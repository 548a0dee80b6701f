package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** The GPUs of each node of a pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodePoolGpu(
    @Required @JsonPropertyDescription("Count is the number of GPUs per node (nvidia.com/gpu).") Integer count,
    @JsonPropertyDescription(
            "Type is the GPU model, for example nvidia-a100; it is published as the node label"
                + " nvidia.com/gpu.product. Required when count is above 0.")
        String type) {}
