package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.openapi.Required;

/** The member's status of one manifest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestStatus(
    @Required @JsonPropertyDescription("Identifier says which manifest this is.") ResourceIdentifier identifier,
    @JsonPropertyDescription("Status is the object's status in the member.") ObjectNode status,
    @JsonPropertyDescription("Health: Healthy, Unhealthy or Unknown.") ResourceHealth health) {}
