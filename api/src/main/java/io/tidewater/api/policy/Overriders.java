package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The changes of one rule. Applied in the order image, command, args, labels, annotations, env, resources,
 * plaintext (Karmada's order, with Tidewater's two before the JSON patch so a patch can still adjust them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Overriders(
    @JsonPropertyDescription("Plaintext changes fields by JSON-patch-like path, operator and value.")
        List<PlaintextOverrider> plaintext,
    @JsonPropertyDescription("ImageOverrider changes a part of container images (registry, repository or tag).")
        List<ImageOverrider> imageOverrider,
    @JsonPropertyDescription("CommandOverrider adds or removes command entries of a container.")
        List<CommandArgsOverrider> commandOverrider,
    @JsonPropertyDescription("ArgsOverrider adds or removes args of a container.") List<CommandArgsOverrider> argsOverrider,
    @JsonPropertyDescription("LabelsOverrider adds, removes or replaces labels of the template.")
        List<LabelAnnotationOverrider> labelsOverrider,
    @JsonPropertyDescription("AnnotationsOverrider adds, removes or replaces annotations of the template.")
        List<LabelAnnotationOverrider> annotationsOverrider,
    @JsonPropertyDescription("EnvOverrider adds, removes or replaces environment variables of a container (Tidewater).")
        List<EnvOverrider> envOverrider,
    @JsonPropertyDescription("ResourcesOverrider sets requests and limits of a container (Tidewater).")
        List<ResourcesOverrider> resourcesOverrider) {}
