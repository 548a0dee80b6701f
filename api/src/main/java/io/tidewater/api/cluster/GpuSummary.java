package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** GPUs of one model in a member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuSummary(
    @Required @JsonPropertyDescription("Type is the GPU model, for example nvidia-a100.") String type,
    @JsonPropertyDescription("Total is the number of GPUs of this model on Ready nodes.") Integer total,
    @JsonPropertyDescription("Allocated is the number of them requested by scheduled pods.") Integer allocated) {}
