package io.tidewater.controllers.placement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.tidewater.api.policy.ClusterAffinity;
import io.tidewater.api.policy.ClusterPreferences;
import io.tidewater.api.policy.Placement;
import io.tidewater.api.policy.ReplicaDivisionPreference;
import io.tidewater.api.policy.ReplicaSchedulingStrategy;
import io.tidewater.api.policy.ReplicaSchedulingType;
import io.tidewater.api.policy.SpreadConstraint;
import io.tidewater.api.policy.StaticClusterWeight;
import io.tidewater.api.policy.Tier;
import io.tidewater.scheduler.model.ClusterSelector;
import io.tidewater.scheduler.model.NodeSelectorRequirement;
import io.tidewater.scheduler.model.Toleration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compiles a policy's placement (Karmada-shaped API types) into the scheduler's plain model. */
public final class PlacementTranslator {
  private PlacementTranslator() {}

  public static io.tidewater.scheduler.model.Placement translate(Placement p) {
    if (p == null) {
      return io.tidewater.scheduler.model.Placement.selfBuiltFirst();
    }
    ClusterSelector affinity = selector(p.clusterAffinity());
    List<Toleration> tolerations = new ArrayList<>();
    if (p.clusterTolerations() != null) {
      for (var t : p.clusterTolerations()) {
        tolerations.add(new Toleration(t.getKey(), t.getOperator() == null ? "Equal" : t.getOperator(), t.getValue(), t.getEffect()));
      }
    }
    List<ClusterSelector> tiers = new ArrayList<>();
    List<Tier> apiTiers = p.tiers() == null || p.tiers().isEmpty() ? List.of(Tier.named("idc"), Tier.named("cloud")) : p.tiers();
    for (Tier t : apiTiers) {
      tiers.add(selector(t.affinity()));
    }
    List<io.tidewater.scheduler.model.Placement.SpreadConstraint> spread = new ArrayList<>();
    if (p.spreadConstraints() != null) {
      for (SpreadConstraint sc : p.spreadConstraints()) {
        if (sc.spreadByField() == null) {
          continue; // spreadByLabel is not supported by the scheduler yet
        }
        spread.add(new io.tidewater.scheduler.model.Placement.SpreadConstraint(
            sc.spreadByField().name().toLowerCase(Locale.ROOT), sc.minGroups() == null ? 0 : sc.minGroups(), sc.maxGroups() == null ? 0 : sc.maxGroups()));
      }
    }
    List<io.tidewater.scheduler.model.Placement.StaticWeight> weights = new ArrayList<>();
    io.tidewater.scheduler.model.Placement.Division division = division(p.replicaScheduling(), weights);
    return new io.tidewater.scheduler.model.Placement(affinity, tolerations, tiers, spread, division, weights);
  }

  private static io.tidewater.scheduler.model.Placement.Division division(
      ReplicaSchedulingStrategy rs, List<io.tidewater.scheduler.model.Placement.StaticWeight> weights) {
    if (rs == null) {
      return io.tidewater.scheduler.model.Placement.Division.WEIGHTED_DYNAMIC;
    }
    if (rs.replicaSchedulingType() == ReplicaSchedulingType.DUPLICATED) {
      return io.tidewater.scheduler.model.Placement.Division.DUPLICATED;
    }
    if (rs.replicaDivisionPreference() == ReplicaDivisionPreference.AGGREGATED) {
      return io.tidewater.scheduler.model.Placement.Division.AGGREGATED;
    }
    ClusterPreferences prefs = rs.weightPreference();
    if (prefs != null && prefs.staticWeightList() != null && !prefs.staticWeightList().isEmpty() && prefs.dynamicWeight() == null) {
      for (StaticClusterWeight w : prefs.staticWeightList()) {
        weights.add(new io.tidewater.scheduler.model.Placement.StaticWeight(selector(w.targetCluster()), w.weight() == null ? 1 : w.weight()));
      }
      return io.tidewater.scheduler.model.Placement.Division.WEIGHTED_STATIC;
    }
    return io.tidewater.scheduler.model.Placement.Division.WEIGHTED_DYNAMIC;
  }

  /** A cluster affinity as a selector; null selects every cluster. */
  public static ClusterSelector selector(ClusterAffinity a) {
    if (a == null) {
      return ClusterSelector.ANY;
    }
    Map<String, String> labels = Map.of();
    List<NodeSelectorRequirement> exprs = new ArrayList<>();
    LabelSelector ls = a.labelSelector();
    if (ls != null) {
      labels = ls.getMatchLabels() == null ? Map.of() : Map.copyOf(ls.getMatchLabels());
      if (ls.getMatchExpressions() != null) {
        for (LabelSelectorRequirement r : ls.getMatchExpressions()) {
          exprs.add(new NodeSelectorRequirement(r.getKey(), r.getOperator(), r.getValues() == null ? List.of() : List.copyOf(r.getValues())));
        }
      }
    }
    List<NodeSelectorRequirement> fields = new ArrayList<>();
    if (a.fieldSelector() != null && a.fieldSelector().matchExpressions() != null) {
      for (var r : a.fieldSelector().matchExpressions()) {
        fields.add(new NodeSelectorRequirement(r.getKey(), r.getOperator(), r.getValues() == null ? List.of() : List.copyOf(r.getValues())));
      }
    }
    return new ClusterSelector(
        labels, exprs, fields, a.clusterNames() == null ? java.util.Set.of() : new HashSet<>(a.clusterNames()),
        a.exclude() == null ? java.util.Set.of() : new HashSet<>(a.exclude()));
  }
}
