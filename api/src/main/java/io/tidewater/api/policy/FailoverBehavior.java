package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How replicas leave failed clusters, shaped like Karmada's FailoverBehavior. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailoverBehavior(
    @JsonPropertyDescription(
            "Cluster failover: replicas on a cluster that stays NotReady longer than tolerationSeconds are re-placed"
                + " by the usual rules. Defaulted when unset.")
        ClusterFailoverBehavior cluster,
    @JsonPropertyDescription(
            "Application failover: replicas of an application that stays unhealthy in a cluster are moved"
                + " elsewhere. Off unless set.")
        ApplicationFailoverBehavior application) {}
