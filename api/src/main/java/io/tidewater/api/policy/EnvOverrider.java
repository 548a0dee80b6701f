package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** Changes environment variables of one container (Tidewater). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvOverrider(
    @Required @JsonPropertyDescription("ContainerName is the container to change.") String containerName,
    @Required
        @JsonPropertyDescription(
            "Operator: add appends variables (replacing those of the same name), remove deletes variables by name,"
                + " replace sets the values of variables that exist.")
        OverriderOperator operator,
    @JsonPropertyDescription("Value: the variables; for remove only their names matter.") List<EnvVar> value) {}
