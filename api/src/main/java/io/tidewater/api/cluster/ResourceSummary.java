package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Resources of a member summed over its nodes; each list includes {@code pods}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceSummary(
    @JsonPropertyDescription("Allocatable is the total allocatable resources of all Ready nodes.")
        Map<String, Quantity> allocatable,
    @JsonPropertyDescription("Allocating is the total requests of pods not yet scheduled to a node.")
        Map<String, Quantity> allocating,
    @JsonPropertyDescription("Allocated is the total requests of pods scheduled to nodes (requested resources).")
        Map<String, Quantity> allocated,
    @JsonPropertyDescription("Available is allocatable minus allocated.") Map<String, Quantity> available) {}
