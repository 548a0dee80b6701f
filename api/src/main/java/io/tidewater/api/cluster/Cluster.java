package io.tidewater.api.cluster;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** A member cluster of the federation ({@code cluster.tidewater.io/v1alpha1}, cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "Cluster is a member of the federation: a Kubernetes cluster in a self-built data centre (tier idc) or a"
        + " public cloud (tier cloud), reached through a kubeconfig secret or simulated in process. Tidewater"
        + " places replicas of templates on clusters, cheapest tier first.")
public record Cluster(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the desired state of the member: where it is, how to reach it and what it costs.")
        ClusterSpec spec,
    @JsonPropertyDescription("Status is the observed state of the member, maintained by Tidewater's cluster status controller.")
        ClusterStatus status)
    implements TidewaterObject {

  public static final String GROUP = "cluster.tidewater.io";
  public static final String API_VERSION = GROUP + "/v1alpha1";
  public static final String KIND = "Cluster";

  /** Condition type: the member's API answers its readiness probe. */
  public static final String CONDITION_READY = "Ready";
}
