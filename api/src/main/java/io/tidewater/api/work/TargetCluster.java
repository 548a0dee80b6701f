package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** One target cluster of a binding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetCluster(
    @Required @JsonPropertyDescription("Name of the cluster.") String name,
    @JsonPropertyDescription("Replicas placed in the cluster (0 or more).") Integer replicas,
    @JsonPropertyDescription(
            "Reason says why the scheduler chose this cluster and count, for example \"tier idc: 20 of 20 fit\".")
        String reason) {}
