package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** Picks one image field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagePredicate(
    @Required @JsonPropertyDescription("Path of the image field, a JSON pointer such as /spec/template/spec/containers/0/image.")
        String path) {}
