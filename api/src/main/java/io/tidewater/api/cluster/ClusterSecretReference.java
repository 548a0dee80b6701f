package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.Required;

/** A key of a Secret that holds a member's kubeconfig. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSecretReference(
    @Required @JsonPropertyDescription("Namespace of the Secret.") String namespace,
    @Required @JsonPropertyDescription("Name of the Secret.") String name,
    @JsonPropertyDescription("Key of the Secret's data that holds the kubeconfig. Defaults to \"kubeconfig\".") String key)
    implements ClusterConnection {

  public static final String DEFAULT_KEY = "kubeconfig";

  @Override
  public String field() {
    return "secretRef";
  }
}
