package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Toleration;
import io.tidewater.api.kinds.openapi.ListMap;
import java.util.List;

/** Which clusters, in which order, and how replicas are divided among them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(
    @JsonPropertyDescription("ClusterAffinity restricts the candidate clusters. Unset means every cluster is a candidate.")
        ClusterAffinity clusterAffinity,
    @JsonPropertyDescription("ClusterTolerations let the templates go to clusters with matching taints.")
        List<Toleration> clusterTolerations,
    @ListMap(keys = "name")
        @JsonPropertyDescription(
            "Tiers order the candidate clusters for Divided scheduling (Tidewater): the first tier is filled before"
                + " the next is used, scale-in and come-home take from the last tier first. Each entry selects"
                + " clusters; an entry with only a name selects clusters whose spec.tier equals it. Clusters that"
                + " match no entry come after the last one. Defaults to [idc, cloud].")
        List<Tier> tiers,
    @JsonPropertyDescription(
            "SpreadConstraints spread the templates over groups of clusters (by cluster, region, zone, provider, tier"
                + " or a label). They take precedence over tier order.")
        List<SpreadConstraint> spreadConstraints,
    @JsonPropertyDescription(
            "ReplicaScheduling says how the replicas of a workload are scheduled. Defaults to Divided, Weighted by"
                + " available replicas: each tier is filled in proportion to what each of its clusters can take.")
        ReplicaSchedulingStrategy replicaScheduling) {}
