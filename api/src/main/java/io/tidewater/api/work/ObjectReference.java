package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** Identifies a template and the version of it a decision was made for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectReference(
    @Required @JsonPropertyDescription("APIVersion of the template, for example apps/v1.") String apiVersion,
    @Required @JsonPropertyDescription("Kind of the template, for example Deployment.") String kind,
    @JsonPropertyDescription("Namespace of the template; empty for cluster-scoped templates.") String namespace,
    @Required @JsonPropertyDescription("Name of the template.") String name,
    @JsonPropertyDescription("UID of the template.") String uid,
    @JsonPropertyDescription("ResourceVersion of the template the binding was last synced from.") String resourceVersion,
    @JsonPropertyDescription("Generation of the template the binding was last synced from.") Long generation) {}
