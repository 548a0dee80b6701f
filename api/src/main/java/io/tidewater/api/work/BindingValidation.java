package io.tidewater.api.work;

import io.tidewater.api.policy.ClusterAffinityRules;
import io.tidewater.api.policy.PolicyValidation;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import io.tidewater.api.validation.LabelSelectorRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of a ResourceBinding. */
public final class BindingValidation {
  private BindingValidation() {}

  private static final List<String> POLICY_KINDS = List.of("PropagationPolicy", "ClusterPropagationPolicy");
  private static final Pattern REASON = Pattern.compile("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");

  public static List<FieldError> validate(ResourceBinding b) {
    List<FieldError> errs = new ArrayList<>();
    ResourceBindingSpec s = b.spec();
    if (s != null) {
      spec(s, FieldPath.root("spec"), errs);
    }
    errs.addAll(validateStatus(b));
    return errs;
  }

  /** A binding belongs to one template for its whole life; the template's uid may be filled in once. */
  public static List<FieldError> validateUpdate(ResourceBinding b, ResourceBinding old) {
    List<FieldError> errs = new ArrayList<>();
    ObjectReference now = b.spec() == null ? null : b.spec().resource();
    ObjectReference before = old.spec() == null ? null : old.spec().resource();
    if (now == null || before == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("spec").child("resource");
    if (!Objects.equals(now.apiVersion(), before.apiVersion())
        || !Objects.equals(now.kind(), before.kind())
        || !Objects.equals(nz(now.namespace()), nz(before.namespace()))
        || !Objects.equals(now.name(), before.name())) {
      errs.add(FieldError.invalid(p, describe(now), "field is immutable: a binding stays with the template it was created for (" + describe(before) + ")"));
    }
    if (!nz(before.uid()).isEmpty() && !Objects.equals(now.uid(), before.uid())) {
      errs.add(FieldError.invalid(p.child("uid"), now.uid(), "field is immutable once set"));
    }
    return errs;
  }

  public static List<FieldError> validateStatus(ResourceBinding b) {
    List<FieldError> errs = new ArrayList<>();
    ResourceBindingStatus st = b.status();
    if (st == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("status");
    if (st.schedulerObservedGeneration() != null && st.schedulerObservedGeneration() < 0) {
      errs.add(FieldError.invalid(p.child("schedulerObservedGeneration"), st.schedulerObservedGeneration(), "must be greater than or equal to 0"));
    }
    KubeRules.conditions(st.conditions(), p.child("conditions"), errs);
    KubeRules.atLeast(st.unschedulableReplicas(), 0, p.child("unschedulableReplicas"), errs);
    if (st.aggregatedStatus() != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < st.aggregatedStatus().size(); i++) {
        String c = st.aggregatedStatus().get(i).clusterName();
        if (c != null && !seen.add(c)) {
          errs.add(FieldError.duplicate(p.child("aggregatedStatus").index(i).child("clusterName"), c));
        }
      }
    }
    return errs;
  }

  private static void spec(ResourceBindingSpec s, FieldPath p, List<FieldError> errs) {
    if (s.resource() != null) {
      ObjectReference r = s.resource();
      PolicyValidation.resourceSelector(
          new io.tidewater.api.policy.ResourceSelector(r.apiVersion(), r.kind(), r.namespace(), r.name(), null), null, p.child("resource"), errs);
    }
    KubeRules.atLeast(s.replicas(), 0, p.child("replicas"), errs);
    if (s.replicaRequirements() != null) {
      FieldPath rp = p.child("replicaRequirements");
      KubeRules.resourceList(s.replicaRequirements().resourceRequest(), rp.child("resourceRequest"), errs);
      NodeClaim nc = s.replicaRequirements().nodeClaim();
      if (nc != null) {
        KubeRules.nodeSelector(nc.hardNodeAffinity(), rp.child("nodeClaim").child("hardNodeAffinity"), errs);
        LabelSelectorRules.validateLabels(nc.nodeSelector(), rp.child("nodeClaim").child("nodeSelector"), errs);
        KubeRules.tolerations(nc.tolerations(), rp.child("nodeClaim").child("tolerations"), errs);
      }
    }
    if (s.clusters() != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < s.clusters().size(); i++) {
        TargetCluster t = s.clusters().get(i);
        FieldPath tp = p.child("clusters").index(i);
        if (t.name() != null && !t.name().isEmpty()) {
          ClusterAffinityRules.clusterName(t.name(), tp.child("name"), errs);
          if (!seen.add(t.name())) {
            errs.add(FieldError.duplicate(tp.child("name"), t.name()));
          }
        }
        KubeRules.atLeast(t.replicas(), 0, tp.child("replicas"), errs);
      }
    }
    if (s.placement() != null) {
      PolicyValidation.placement(s.placement(), p.child("placement"), errs);
    }
    if (s.policyRef() != null) {
      policyRef(s.policyRef(), p.child("policyRef"), errs);
    }
    if (s.failover() != null) {
      PolicyValidation.failover(s.failover(), p.child("failover"), errs);
    }
    if (s.gracefulEvictionTasks() != null) {
      for (int i = 0; i < s.gracefulEvictionTasks().size(); i++) {
        evictionTask(s.gracefulEvictionTasks().get(i), p.child("gracefulEvictionTasks").index(i), errs);
      }
    }
  }

  private static void policyRef(PolicyReference r, FieldPath p, List<FieldError> errs) {
    if (r.kind() != null && !r.kind().isEmpty() && !POLICY_KINDS.contains(r.kind())) {
      errs.add(FieldError.notSupported(p.child("kind"), r.kind(), POLICY_KINDS));
    }
    boolean hasNamespace = r.namespace() != null && !r.namespace().isEmpty();
    if ("PropagationPolicy".equals(r.kind()) && !hasNamespace) {
      errs.add(FieldError.required(p.child("namespace"), "must be specified for a PropagationPolicy"));
    } else if ("ClusterPropagationPolicy".equals(r.kind()) && hasNamespace) {
      errs.add(FieldError.forbidden(p.child("namespace"), "may not be specified for a ClusterPropagationPolicy"));
    }
    KubeRules.dnsLabel(r.namespace(), p.child("namespace"), errs);
  }

  private static void evictionTask(GracefulEvictionTask t, FieldPath p, List<FieldError> errs) {
    if (t.fromCluster() != null && !t.fromCluster().isEmpty()) {
      ClusterAffinityRules.clusterName(t.fromCluster(), p.child("fromCluster"), errs);
    }
    KubeRules.atLeast(t.replicas(), 0, p.child("replicas"), errs);
    if (t.reason() != null && !t.reason().isEmpty() && (t.reason().length() > 32 || !REASON.matcher(t.reason()).matches())) {
      errs.add(FieldError.invalid(p.child("reason"), t.reason(), "must be a CamelCase word of at most 32 characters, such as ClusterNotReady"));
    }
    if (t.gracePeriodSeconds() != null && Boolean.TRUE.equals(t.suppressDeletion())) {
      errs.add(FieldError.forbidden(p.child("suppressDeletion"), "may not be specified when `gracePeriodSeconds` is specified"));
    }
    KubeRules.atLeast(t.gracePeriodSeconds(), 1, p.child("gracePeriodSeconds"), errs);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String describe(ObjectReference r) {
    return r.apiVersion() + " " + r.kind() + " " + (nz(r.namespace()).isEmpty() ? "" : r.namespace() + "/") + r.name();
  }
}
