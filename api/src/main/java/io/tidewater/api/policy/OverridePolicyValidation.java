package io.tidewater.api.policy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import io.tidewater.api.validation.LabelSelectorRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Validation of an OverridePolicy. */
public final class OverridePolicyValidation {
  private OverridePolicyValidation() {}

  private static final List<String> ADD_REMOVE = List.of("add", "remove");

  public static List<FieldError> validate(OverridePolicy op) {
    List<FieldError> errs = new ArrayList<>();
    OverrideSpec s = op.spec();
    if (s == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("spec");
    String ns = op.metadata() == null ? null : op.metadata().getNamespace();
    if (s.resourceSelectors() != null) {
      for (int i = 0; i < s.resourceSelectors().size(); i++) {
        PolicyValidation.resourceSelector(s.resourceSelectors().get(i), ns, p.child("resourceSelectors").index(i), errs);
      }
    }
    if (s.overrideRules() != null) {
      for (int i = 0; i < s.overrideRules().size(); i++) {
        RuleWithCluster rule = s.overrideRules().get(i);
        FieldPath rp = p.child("overrideRules").index(i);
        ClusterAffinityRules.validate(rule.targetCluster(), rp.child("targetCluster"), errs);
        if (rule.overriders() != null) {
          overriders(rule.overriders(), rp.child("overriders"), errs);
        }
      }
    }
    return errs;
  }

  private static void overriders(Overriders o, FieldPath p, List<FieldError> errs) {
    forEach(o.plaintext(), p.child("plaintext"), (x, xp) -> plaintext(x, xp, errs));
    forEach(o.imageOverrider(), p.child("imageOverrider"), (x, xp) -> image(x, xp, errs));
    forEach(o.commandOverrider(), p.child("commandOverrider"), (x, xp) -> commandArgs(x, xp, errs));
    forEach(o.argsOverrider(), p.child("argsOverrider"), (x, xp) -> commandArgs(x, xp, errs));
    forEach(o.labelsOverrider(), p.child("labelsOverrider"), (x, xp) -> labels(x.value(), true, xp.child("value"), errs));
    forEach(o.annotationsOverrider(), p.child("annotationsOverrider"), (x, xp) -> labels(x.value(), false, xp.child("value"), errs));
    forEach(o.envOverrider(), p.child("envOverrider"), (x, xp) -> env(x, xp, errs));
    forEach(o.resourcesOverrider(), p.child("resourcesOverrider"), (x, xp) -> {
      KubeRules.dnsLabel(x.containerName(), xp.child("containerName"), errs);
      KubeRules.resourceRequirements(x.value(), xp.child("value"), errs);
    });
  }

  private static void plaintext(PlaintextOverrider x, FieldPath p, List<FieldError> errs) {
    jsonPointer(x.path(), p.child("path"), errs);
    boolean hasValue = x.value() != null && !x.value().isNull();
    if (x.operator() == OverriderOperator.REMOVE && hasValue) {
      errs.add(FieldError.forbidden(p.child("value"), "may not be specified when `operator` is 'remove'"));
    } else if (x.operator() != null && x.operator() != OverriderOperator.REMOVE && !hasValue) {
      errs.add(FieldError.required(p.child("value"), "must be specified when `operator` is 'add' or 'replace'"));
    }
  }

  private static void image(ImageOverrider x, FieldPath p, List<FieldError> errs) {
    if (x.predicate() != null) {
      jsonPointer(x.predicate().path(), p.child("predicate").child("path"), errs);
    }
    if (x.operator() != null && x.operator() != OverriderOperator.REMOVE && (x.value() == null || x.value().isEmpty())) {
      errs.add(FieldError.required(p.child("value"), "must be specified when `operator` is 'add' or 'replace'"));
    }
  }

  private static void commandArgs(CommandArgsOverrider x, FieldPath p, List<FieldError> errs) {
    KubeRules.dnsLabel(x.containerName(), p.child("containerName"), errs);
    if (x.operator() == OverriderOperator.REPLACE) {
      errs.add(FieldError.notSupported(p.child("operator"), "replace", ADD_REMOVE));
    }
  }

  private static void labels(Map<String, String> value, boolean labelValues, FieldPath p, List<FieldError> errs) {
    if (value == null) {
      return;
    }
    if (labelValues) {
      LabelSelectorRules.validateLabels(value, p, errs);
    } else {
      value.keySet().forEach(k -> LabelSelectorRules.labelKey(k, p, errs));
    }
  }

  private static void env(EnvOverrider x, FieldPath p, List<FieldError> errs) {
    KubeRules.dnsLabel(x.containerName(), p.child("containerName"), errs);
    if (x.value() == null) {
      return;
    }
    for (int i = 0; i < x.value().size(); i++) {
      EnvVar e = x.value().get(i);
      FieldPath ep = p.child("value").index(i);
      if (e.getName() == null || e.getName().isEmpty()) {
        errs.add(FieldError.required(ep.child("name"), ""));
      } else if (e.getName().contains("=")) {
        errs.add(FieldError.invalid(ep.child("name"), e.getName(), "a valid environment variable name must not contain '='"));
      }
      if (e.getValue() != null && !e.getValue().isEmpty() && e.getValueFrom() != null) {
        errs.add(FieldError.invalid(ep.child("valueFrom"), "", "may not be specified when `value` is not empty"));
      }
    }
  }

  private static void jsonPointer(String path, FieldPath p, List<FieldError> errs) {
    if (path != null && !path.isEmpty() && !path.startsWith("/")) {
      errs.add(FieldError.invalid(p, path, "must be a JSON pointer starting with '/', for example /spec/replicas"));
    }
  }

  private static <T> void forEach(List<T> items, FieldPath p, java.util.function.BiConsumer<T, FieldPath> check) {
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        check.accept(items.get(i), p.index(i));
      }
    }
  }
}
