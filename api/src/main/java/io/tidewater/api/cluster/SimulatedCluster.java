package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.ListMap;
import io.tidewater.api.kinds.openapi.Required;
import java.util.List;

/** An in-process member: node pools and the timing of its simulated pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulatedCluster(
    @JsonPropertyDescription("KubernetesVersion is the version the simulated member reports. Defaults to v1.32.4.")
        String kubernetesVersion,
    @Required
        @ListMap(keys = "name")
        @JsonPropertyDescription("NodePools are groups of identical nodes; at least one is required.")
        List<NodePool> nodePools,
    @JsonPropertyDescription("PodLifecycle sets how long simulated pods take to start, become ready and stop.")
        PodLifecycle podLifecycle)
    implements ClusterConnection {

  public static final String DEFAULT_KUBERNETES_VERSION = "v1.32.4";

  @Override
  public String field() {
    return "simulated";
  }
}
