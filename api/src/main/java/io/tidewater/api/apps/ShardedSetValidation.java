package io.tidewater.api.apps;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import io.tidewater.api.validation.LabelSelectorRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Validation of a ShardedSet, following StatefulSet's where the fields are the same. */
public final class ShardedSetValidation {
  private ShardedSetValidation() {}

  public static List<FieldError> validate(ShardedSet set) {
    List<FieldError> errs = new ArrayList<>();
    ShardedSetSpec s = set.spec();
    if (s != null) {
      spec(s, FieldPath.root("spec"), errs);
    }
    errs.addAll(validateStatus(set));
    return errs;
  }

  /** Identity-bearing fields are fixed, as for StatefulSets: the selector, the service and the claims. */
  public static List<FieldError> validateUpdate(ShardedSet set, ShardedSet old) {
    List<FieldError> errs = new ArrayList<>();
    if (set.spec() == null || old.spec() == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("spec");
    if (!Objects.equals(set.spec().selector(), old.spec().selector())) {
      errs.add(FieldError.invalid(p.child("selector"), null, "field is immutable"));
    }
    if (!Objects.equals(set.spec().serviceName(), old.spec().serviceName())) {
      errs.add(FieldError.invalid(p.child("serviceName"), set.spec().serviceName(), "field is immutable"));
    }
    if (!Objects.equals(set.spec().volumeClaimTemplates(), old.spec().volumeClaimTemplates())) {
      errs.add(FieldError.forbidden(p.child("volumeClaimTemplates"), "field is immutable: pods keep the claims they were created with"));
    }
    return errs;
  }

  public static List<FieldError> validateStatus(ShardedSet set) {
    List<FieldError> errs = new ArrayList<>();
    ShardedSetStatus st = set.status();
    if (st == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("status");
    KubeRules.atLeast(st.replicas(), 0, p.child("replicas"), errs);
    KubeRules.atLeast(st.readyReplicas(), 0, p.child("readyReplicas"), errs);
    KubeRules.atLeast(st.availableReplicas(), 0, p.child("availableReplicas"), errs);
    KubeRules.atLeast(st.updatedReplicas(), 0, p.child("updatedReplicas"), errs);
    KubeRules.conditions(st.conditions(), p.child("conditions"), errs);
    if (st.shards() != null) {
      Set<Integer> indexes = new HashSet<>();
      for (int i = 0; i < st.shards().size(); i++) {
        ShardStatus sh = st.shards().get(i);
        FieldPath sp = p.child("shards").index(i);
        KubeRules.atLeast(sh.index(), 0, sp.child("index"), errs);
        if (sh.index() != null && !indexes.add(sh.index())) {
          errs.add(FieldError.duplicate(sp.child("index"), sh.index()));
        }
        if (sh.clusters() != null) {
          Set<String> names = new HashSet<>();
          for (int j = 0; j < sh.clusters().size(); j++) {
            String n = sh.clusters().get(j).name();
            if (n != null && !names.add(n)) {
              errs.add(FieldError.duplicate(sp.child("clusters").index(j).child("name"), n));
            }
          }
        }
      }
    }
    return errs;
  }

  private static void spec(ShardedSetSpec s, FieldPath p, List<FieldError> errs) {
    KubeRules.atLeast(s.shards(), 1, p.child("shards"), errs);
    KubeRules.atLeast(s.replicasPerShard(), 0, p.child("replicasPerShard"), errs);
    selectorAndTemplate(s.selector(), s.template(), p, errs);
    KubeRules.dnsLabel(s.serviceName(), p.child("serviceName"), errs);
    claims(s.volumeClaimTemplates(), p.child("volumeClaimTemplates"), errs);
    if (s.updateStrategy() != null) {
      updateStrategy(s.updateStrategy(), p.child("updateStrategy"), errs);
    }
    KubeRules.atLeast(s.revisionHistoryLimit(), 0, p.child("revisionHistoryLimit"), errs);
    KubeRules.atLeast(s.minReadySeconds(), 0, p.child("minReadySeconds"), errs);
    if (s.placement() != null && s.placement().minGroupsPerShard() != null) {
      FieldPath mp = p.child("placement").child("minGroupsPerShard");
      int min = s.placement().minGroupsPerShard();
      if (min < 1) {
        errs.add(FieldError.invalid(mp, min, "must be greater than or equal to 1"));
      } else if (s.replicasPerShard() != null && s.replicasPerShard() > 0 && min > s.replicasPerShard()) {
        errs.add(FieldError.invalid(mp, min, "must be less than or equal to replicasPerShard (" + s.replicasPerShard()
            + "): a shard cannot span more domains than it has replicas"));
      }
    }
  }

  private static void selectorAndTemplate(LabelSelector selector, PodTemplateSpec template, FieldPath p, List<FieldError> errs) {
    if (selector != null) {
      LabelSelectorRules.validate(selector, p.child("selector"), errs);
      boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
          && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
      if (empty) {
        errs.add(FieldError.invalid(p.child("selector"), "", "empty selector is invalid for shardedset"));
      }
    }
    if (template == null) {
      return;
    }
    FieldPath tp = p.child("template");
    Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
    LabelSelectorRules.validateLabels(labels, tp.child("metadata").child("labels"), errs);
    if (selector != null && !LabelSelectorRules.matches(selector, labels)) {
      errs.add(FieldError.invalid(tp.child("metadata").child("labels"), String.valueOf(labels), "`selector` does not match template `labels`"));
    }
    if (template.getSpec() == null) {
      errs.add(FieldError.required(tp.child("spec"), ""));
      return;
    }
    FieldPath sp = tp.child("spec");
    String restart = template.getSpec().getRestartPolicy();
    if (restart != null && !restart.isEmpty() && !restart.equals("Always")) {
      errs.add(FieldError.notSupported(sp.child("restartPolicy"), restart, List.of("Always")));
    }
    List<Container> containers = template.getSpec().getContainers();
    if (containers == null || containers.isEmpty()) {
      errs.add(FieldError.required(sp.child("containers"), ""));
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      FieldPath cp = sp.child("containers").index(i);
      if (c.getName() == null || c.getName().isEmpty()) {
        errs.add(FieldError.required(cp.child("name"), ""));
      } else {
        KubeRules.dnsLabel(c.getName(), cp.child("name"), errs);
        if (!names.add(c.getName())) {
          errs.add(FieldError.duplicate(cp.child("name"), c.getName()));
        }
      }
      if (c.getImage() == null || c.getImage().isBlank()) {
        errs.add(FieldError.required(cp.child("image"), ""));
      }
      KubeRules.resourceRequirements(c.getResources(), cp.child("resources"), errs);
    }
  }

  private static void claims(List<PersistentVolumeClaim> claims, FieldPath p, List<FieldError> errs) {
    if (claims == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < claims.size(); i++) {
      PersistentVolumeClaim c = claims.get(i);
      FieldPath np = p.index(i).child("metadata").child("name");
      String name = c.getMetadata() == null ? null : c.getMetadata().getName();
      if (name == null || name.isEmpty()) {
        errs.add(FieldError.required(np, ""));
        continue;
      }
      KubeRules.dnsSubdomain(name, np, errs);
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(np, name));
      }
    }
  }

  private static void updateStrategy(ShardedSetUpdateStrategy u, FieldPath p, List<FieldError> errs) {
    RollingUpdateShardedSetStrategy r = u.rollingUpdate();
    if (r == null) {
      return;
    }
    if (u.type() == ShardedSetUpdateStrategyType.ON_DELETE) {
      errs.add(FieldError.forbidden(p.child("rollingUpdate"), "only allowed for updateStrategy 'RollingUpdate'"));
    }
    FieldPath rp = p.child("rollingUpdate");
    KubeRules.atLeast(r.partition(), 0, rp.child("partition"), errs);
    maxUnavailable(r.maxUnavailable(), rp.child("maxUnavailable"), errs);
  }

  /** An integer of at least 1, or a percentage from 1% to 100%, as StatefulSet's maxUnavailable. */
  private static void maxUnavailable(IntOrString v, FieldPath p, List<FieldError> errs) {
    if (v == null) {
      return;
    }
    if (v.getIntVal() != null) {
      if (v.getIntVal() < 1) {
        errs.add(FieldError.invalid(p, v.getIntVal(), "must be greater than 0"));
      }
      return;
    }
    String s = v.getStrVal();
    if (s == null || !s.matches("[0-9]+%")) {
      errs.add(FieldError.invalid(p, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      return;
    }
    int percent = Integer.parseInt(s.substring(0, s.length() - 1));
    if (percent < 1) {
      errs.add(FieldError.invalid(p, s, "must be greater than 0"));
    } else if (percent > 100) {
      errs.add(FieldError.invalid(p, s, "must not be greater than 100%"));
    }
  }
}
