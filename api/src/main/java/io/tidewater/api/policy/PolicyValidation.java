package io.tidewater.api.policy;

import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import io.tidewater.api.validation.LabelSelectorRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of PropagationPolicy and ClusterPropagationPolicy specs. */
public final class PolicyValidation {
  private PolicyValidation() {}

  public static List<FieldError> validate(PropagationPolicy p) {
    List<FieldError> errs = new ArrayList<>();
    String ns = p.metadata() == null ? null : p.metadata().getNamespace();
    if (p.spec() != null) {
      spec(p.spec(), ns, FieldPath.root("spec"), errs);
    }
    return errs;
  }

  public static List<FieldError> validate(ClusterPropagationPolicy p) {
    List<FieldError> errs = new ArrayList<>();
    if (p.spec() != null) {
      spec(p.spec(), null, FieldPath.root("spec"), errs);
    }
    return errs;
  }

  /**
   * @param policyNamespace the namespace of a PropagationPolicy, which may only select its own namespace;
   *     null for a ClusterPropagationPolicy
   */
  static void spec(PropagationSpec s, String policyNamespace, FieldPath p, List<FieldError> errs) {
    if (s.resourceSelectors() != null) {
      for (int i = 0; i < s.resourceSelectors().size(); i++) {
        resourceSelector(s.resourceSelectors().get(i), policyNamespace, p.child("resourceSelectors").index(i), errs);
      }
    }
    if (s.placement() != null) {
      placement(s.placement(), p.child("placement"), errs);
    }
    if (s.failover() != null) {
      failover(s.failover(), p.child("failover"), errs);
    }
    if (s.rollout() != null) {
      rollout(s.rollout(), p.child("rollout"), errs);
    }
  }

  public static void resourceSelector(ResourceSelector r, String policyNamespace, FieldPath p, List<FieldError> errs) {
    String av = r.apiVersion();
    if (av != null && !av.isEmpty()) {
      String[] parts = av.split("/", -1);
      if (parts.length > 2 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
        errs.add(FieldError.invalid(p.child("apiVersion"), av, "must be <version> or <group>/<version>, for example apps/v1"));
      }
    }
    if (r.namespace() != null && !r.namespace().isEmpty()) {
      KubeRules.dnsLabel(r.namespace(), p.child("namespace"), errs);
      if (policyNamespace != null && !policyNamespace.equals(r.namespace())) {
        errs.add(FieldError.invalid(p.child("namespace"), r.namespace(),
            "must be empty or \"" + policyNamespace + "\": a PropagationPolicy only selects templates in its own"
                + " namespace; use a ClusterPropagationPolicy for others"));
      }
    }
    LabelSelectorRules.validate(r.labelSelector(), p.child("labelSelector"), errs);
  }

  public static void placement(Placement pl, FieldPath p, List<FieldError> errs) {
    ClusterAffinityRules.validate(pl.clusterAffinity(), p.child("clusterAffinity"), errs);
    KubeRules.tolerations(pl.clusterTolerations(), p.child("clusterTolerations"), errs);
    tiers(pl.tiers(), p.child("tiers"), errs);
    spreadConstraints(pl.spreadConstraints(), p.child("spreadConstraints"), errs);
    if (pl.replicaScheduling() != null) {
      replicaScheduling(pl.replicaScheduling(), p.child("replicaScheduling"), errs);
    }
  }

  private static void tiers(List<Tier> tiers, FieldPath p, List<FieldError> errs) {
    if (tiers == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tiers.size(); i++) {
      Tier t = tiers.get(i);
      FieldPath tp = p.index(i);
      KubeRules.dnsLabel(t.name(), tp.child("name"), errs);
      if (t.name() != null && !names.add(t.name())) {
        errs.add(FieldError.duplicate(tp.child("name"), t.name()));
      }
      ClusterAffinityRules.validate(new ClusterAffinity(t.labelSelector(), t.fieldSelector(), t.clusterNames(), t.exclude()), tp, errs);
    }
  }

  private static void spreadConstraints(List<SpreadConstraint> constraints, FieldPath p, List<FieldError> errs) {
    if (constraints == null) {
      return;
    }
    Set<String> groupings = new HashSet<>();
    for (int i = 0; i < constraints.size(); i++) {
      SpreadConstraint c = constraints.get(i);
      FieldPath cp = p.index(i);
      boolean byLabel = c.spreadByLabel() != null && !c.spreadByLabel().isEmpty();
      if (c.spreadByField() != null && byLabel) {
        errs.add(FieldError.forbidden(cp.child("spreadByLabel"), "may not be specified when `spreadByField` is specified"));
      }
      if (byLabel) {
        LabelSelectorRules.labelKey(c.spreadByLabel(), cp.child("spreadByLabel"), errs);
      }
      KubeRules.atLeast(c.minGroups(), 1, cp.child("minGroups"), errs);
      KubeRules.atLeast(c.maxGroups(), 1, cp.child("maxGroups"), errs);
      if (c.minGroups() != null && c.maxGroups() != null && c.minGroups() > c.maxGroups()) {
        errs.add(FieldError.invalid(cp.child("minGroups"), c.minGroups(), "must be less than or equal to maxGroups (" + c.maxGroups() + ")"));
      }
      String grouping = c.spreadByField() != null ? "field:" + c.spreadByField() : "label:" + c.spreadByLabel();
      if (!groupings.add(grouping)) {
        errs.add(FieldError.duplicate(cp, grouping.substring(grouping.indexOf(':') + 1)));
      }
    }
  }

  private static void replicaScheduling(ReplicaSchedulingStrategy r, FieldPath p, List<FieldError> errs) {
    if (r.replicaSchedulingType() == ReplicaSchedulingType.DUPLICATED) {
      if (r.replicaDivisionPreference() != null) {
        errs.add(FieldError.forbidden(p.child("replicaDivisionPreference"), "may only be specified when `replicaSchedulingType` is 'Divided'"));
      }
      if (r.weightPreference() != null) {
        errs.add(FieldError.forbidden(p.child("weightPreference"), "may only be specified when `replicaSchedulingType` is 'Divided'"));
      }
      return;
    }
    if (r.replicaDivisionPreference() == ReplicaDivisionPreference.AGGREGATED && r.weightPreference() != null) {
      errs.add(FieldError.forbidden(p.child("weightPreference"), "may only be specified when `replicaDivisionPreference` is 'Weighted'"));
    }
    ClusterPreferences w = r.weightPreference();
    if (w == null) {
      return;
    }
    FieldPath wp = p.child("weightPreference");
    boolean hasStatic = w.staticWeightList() != null && !w.staticWeightList().isEmpty();
    if (hasStatic && w.dynamicWeight() != null) {
      errs.add(FieldError.forbidden(wp.child("dynamicWeight"), "may not be specified when `staticWeightList` is specified"));
    }
    if (hasStatic) {
      for (int i = 0; i < w.staticWeightList().size(); i++) {
        StaticClusterWeight sw = w.staticWeightList().get(i);
        FieldPath sp = wp.child("staticWeightList").index(i);
        if (sw.weight() != null && sw.weight() < 1) {
          errs.add(FieldError.invalid(sp.child("weight"), sw.weight(), "must be greater than or equal to 1"));
        }
        ClusterAffinityRules.validate(sw.targetCluster(), sp.child("targetCluster"), errs);
      }
    }
  }

  /** Also used for the snapshot a ResourceBinding carries. */
  public static void failover(FailoverBehavior f, FieldPath p, List<FieldError> errs) {
    if (f.cluster() != null) {
      KubeRules.atLeast(f.cluster().tolerationSeconds(), 0, p.child("cluster").child("tolerationSeconds"), errs);
    }
    ApplicationFailoverBehavior a = f.application();
    if (a == null) {
      return;
    }
    FieldPath ap = p.child("application");
    if (a.decisionConditions() != null) {
      KubeRules.atLeast(a.decisionConditions().tolerationSeconds(), 0, ap.child("decisionConditions").child("tolerationSeconds"), errs);
    }
    if (a.gracePeriodSeconds() != null) {
      if (a.purgeMode() != null && a.purgeMode() != PurgeMode.GRACEFUL) {
        errs.add(FieldError.forbidden(ap.child("gracePeriodSeconds"), "may only be specified when `purgeMode` is 'Graceful'"));
      }
      KubeRules.atLeast(a.gracePeriodSeconds(), 1, ap.child("gracePeriodSeconds"), errs);
    }
  }

  private static void rollout(RolloutStrategy r, FieldPath p, List<FieldError> errs) {
    boolean hasStages = r.stages() != null && !r.stages().isEmpty();
    if (r.type() == RolloutType.PARALLEL && hasStages) {
      errs.add(FieldError.forbidden(p.child("stages"), "may not be specified when `type` is 'Parallel'"));
    }
    healthGate(r.healthGate(), p.child("healthGate"), errs);
    if (!hasStages) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < r.stages().size(); i++) {
      RolloutStage s = r.stages().get(i);
      FieldPath sp = p.child("stages").index(i);
      KubeRules.dnsLabel(s.name(), sp.child("name"), errs);
      if (s.name() != null && !names.add(s.name())) {
        errs.add(FieldError.duplicate(sp.child("name"), s.name()));
      }
      ClusterAffinityRules.validate(s.clusterAffinity(), sp.child("clusterAffinity"), errs);
      healthGate(s.healthGate(), sp.child("healthGate"), errs);
      RolloutPause pause = s.pause();
      if (pause != null) {
        boolean untilResumed = Boolean.TRUE.equals(pause.untilResumed());
        if (pause.duration() != null && untilResumed) {
          errs.add(FieldError.forbidden(sp.child("pause").child("untilResumed"), "may not be specified when `duration` is specified"));
        } else if (pause.duration() == null && !untilResumed) {
          errs.add(FieldError.required(sp.child("pause"), "must specify `duration` or `untilResumed: true`"));
        }
        KubeRules.duration(pause.duration(), sp.child("pause").child("duration"), errs);
      }
    }
  }

  private static void healthGate(HealthGate g, FieldPath p, List<FieldError> errs) {
    if (g == null) {
      return;
    }
    KubeRules.between(g.minAvailablePercent(), 0, 100, p.child("minAvailablePercent"), errs);
    KubeRules.atLeast(g.maxFailedPods(), 0, p.child("maxFailedPods"), errs);
    KubeRules.atLeast(g.maxCrashLoopingPods(), 0, p.child("maxCrashLoopingPods"), errs);
    KubeRules.duration(g.timeout(), p.child("timeout"), errs);
  }
}
