package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** Changes one part of container images. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageOverrider(
    @JsonPropertyDescription(
            "Predicate picks the image field to change. Unset means every container image of a workload's pod"
                + " template.")
        ImagePredicate predicate,
    @Required @JsonPropertyDescription("Component: Registry, Repository or Tag.") ImageComponent component,
    @Required @JsonPropertyDescription("Operator: add, remove or replace.") OverriderOperator operator,
    @JsonPropertyDescription("Value for add or replace, for example registry.cloud.example.com. Ignored for remove.")
        String value) {}
