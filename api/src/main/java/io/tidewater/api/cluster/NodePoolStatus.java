package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;
import java.util.Map;

/** One node equivalence class of a member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodePoolStatus(
    @Required
        @JsonPropertyDescription(
            "Name identifies the class: the node pool's name for simulated members, a digest of labels, taints and"
                + " allocatable for real ones.")
        String name,
    @JsonPropertyDescription("Labels every node of the class has.") Map<String, String> labels,
    @JsonPropertyDescription("Taints every node of the class has.") List<Taint> taints,
    @JsonPropertyDescription("Allocatable resources of each node of the class.") Map<String, Quantity> allocatable,
    @JsonPropertyDescription("Count is the number of nodes in the class.") Integer count) {}
