package io.tidewater.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tidewater.api.kinds.openapi.ListMap;
import java.util.List;

/**
 * How changes to selected templates reach clusters (Tidewater, issue 5). The template's own maxSurge,
 * maxUnavailable and partition always hold summed over all clusters; this adds order and gates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStrategy(
    @JsonPropertyDescription(
            "Type: Staged (default) changes clusters stage by stage with a health gate between stages; Parallel"
                + " changes all clusters at once, still within the global budget.")
        RolloutType type,
    @ListMap(keys = "name")
        @JsonPropertyDescription(
            "Stages, in order, for Staged rollouts; for example a canary cluster, then idc, then cloud. Clusters"
                + " in no stage go last. Empty means one stage per placement tier, in tier order.")
        List<RolloutStage> stages,
    @JsonPropertyDescription("HealthGate must pass after each stage before the next starts, unless a stage sets its own.")
        HealthGate healthGate,
    @JsonPropertyDescription(
            "PlainObjectPropagation: Staged (default) sends changes to objects without replicas (ConfigMaps, Secrets,"
                + " Services) through the same stages, gated on the workloads that use them; Immediate opts out and"
                + " sends them everywhere at once.")
        PlainObjectPropagation plainObjectPropagation) {}
