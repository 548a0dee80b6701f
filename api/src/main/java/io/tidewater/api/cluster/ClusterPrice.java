package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Prices of a member's capacity, as decimal strings in US dollars so no precision is lost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterPrice(
    @JsonPropertyDescription("CPUHour is the price of one vCPU for one hour, a decimal string such as \"0.045\".")
        String cpuHour,
    @JsonPropertyDescription("MemoryGiBHour is the price of one GiB of memory for one hour, a decimal string.")
        String memoryGiBHour,
    @JsonPropertyDescription("GPUHour is the price of one GPU for one hour, a decimal string.") String gpuHour) {}
