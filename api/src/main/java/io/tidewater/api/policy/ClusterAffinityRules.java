package io.tidewater.api.policy;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.tidewater.api.cluster.ClusterValidation;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.LabelSelectorRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of a cluster selection, wherever one appears (placement, tiers, weights, stages, override rules). */
public final class ClusterAffinityRules {
  private ClusterAffinityRules() {}

  public static void validate(ClusterAffinity a, FieldPath p, List<FieldError> errs) {
    if (a == null) {
      return;
    }
    LabelSelectorRules.validate(a.labelSelector(), p.child("labelSelector"), errs);
    fieldSelector(a.fieldSelector(), p.child("fieldSelector"), errs);
    clusterNames(a.clusterNames(), p.child("clusterNames"), errs);
    clusterNames(a.exclude(), p.child("exclude"), errs);
  }

  static void fieldSelector(FieldSelector f, FieldPath p, List<FieldError> errs) {
    if (f == null || f.matchExpressions() == null) {
      return;
    }
    for (int i = 0; i < f.matchExpressions().size(); i++) {
      NodeSelectorRequirement r = f.matchExpressions().get(i);
      FieldPath rp = p.child("matchExpressions").index(i);
      if (r.getKey() == null || r.getKey().isEmpty()) {
        errs.add(FieldError.required(rp.child("key"), ""));
      } else if (!FieldSelector.KEYS.contains(r.getKey())) {
        errs.add(FieldError.notSupported(rp.child("key"), r.getKey(), FieldSelector.KEYS));
      }
      if (r.getOperator() == null || r.getOperator().isEmpty()) {
        errs.add(FieldError.required(rp.child("operator"), ""));
      } else if (!FieldSelector.OPERATORS.contains(r.getOperator())) {
        errs.add(FieldError.notSupported(rp.child("operator"), r.getOperator(), FieldSelector.OPERATORS));
      }
      if (r.getValues() == null || r.getValues().isEmpty()) {
        errs.add(FieldError.required(rp.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      }
    }
  }

  /** A valid Cluster name. */
  public static void clusterName(String name, FieldPath p, List<FieldError> errs) {
    for (String msg : ClusterValidation.validateName(name)) {
      errs.add(FieldError.invalid(p, name, msg));
    }
  }

  /** Cluster names: valid names, each listed once. */
  public static void clusterNames(List<String> names, FieldPath p, List<FieldError> errs) {
    if (names == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isEmpty()) {
        errs.add(FieldError.required(p.index(i), ""));
        continue;
      }
      clusterName(n, p.index(i), errs);
      if (!seen.add(n)) {
        errs.add(FieldError.duplicate(p.index(i), n));
      }
    }
  }
}
