package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.kinds.openapi.Required;

/** One JSON-patch-like operation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlaintextOverrider(
    @Required @JsonPropertyDescription("Path of the target field, a JSON pointer such as /spec/replicas.") String path,
    @Required @JsonPropertyDescription("Operator: add, remove or replace.") OverriderOperator operator,
    @JsonPropertyDescription("Value to add or replace with, any JSON value. Must be empty for remove.") JsonNode value) {}
