package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.tidewater.api.kinds.openapi.Required;

/** Sets requests and limits of one container (Tidewater). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourcesOverrider(
    @Required @JsonPropertyDescription("ContainerName is the container to change.") String containerName,
    @Required
        @JsonPropertyDescription(
            "Value: requests and limits to set; each resource named here replaces the container's value, others"
                + " are kept.")
        ResourceRequirements value) {}
