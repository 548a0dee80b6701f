package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Complete Kubernetes objects, kept as raw JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadTemplate(
    @JsonPropertyDescription("Manifests are whole Kubernetes objects (apiVersion, kind, metadata.name, ...) to apply.")
        List<ObjectNode> manifests) {}
