package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** Identifies one manifest of a Work, even when it could not be parsed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceIdentifier(
    @Required @JsonPropertyDescription("Ordinal is the manifest's index in spec.workload.manifests.") Integer ordinal,
    @JsonPropertyDescription("Group of the object; empty for the core group.") String group,
    @Required @JsonPropertyDescription("Version of the object.") String version,
    @Required @JsonPropertyDescription("Kind of the object.") String kind,
    @JsonPropertyDescription("Resource is the plural resource name of the object.") String resource,
    @JsonPropertyDescription("Namespace of the object; empty when cluster-scoped.") String namespace,
    @Required @JsonPropertyDescription("Name of the object.") String name) {}
