package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import java.util.Map;

/** Adds, removes or replaces labels or annotations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelAnnotationOverrider(
    @Required @JsonPropertyDescription("Operator: add, remove or replace.") OverriderOperator operator,
    @JsonPropertyDescription("Value: the entries to add, remove (by key) or replace.") Map<String, String> value) {}
