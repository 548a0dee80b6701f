package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** Adds or removes command or args entries of one container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandArgsOverrider(
    @Required @JsonPropertyDescription("ContainerName is the container to change.") String containerName,
    @Required @JsonPropertyDescription("Operator: add (append) or remove.") OverriderOperator operator,
    @JsonPropertyDescription("Value: entries to append, or to remove where they match.") List<String> value) {}
