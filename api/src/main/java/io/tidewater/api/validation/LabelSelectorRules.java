package io.tidewater.api.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' {@code metav1validation.ValidateLabelSelector}: keys, values and operators of a label selector,
 * with the same paths and messages, so a bad selector in any Tidewater kind reads like one in a Deployment.
 */
public final class LabelSelectorRules {
  private LabelSelectorRules() {}

  public static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

  /** Adds the problems of {@code selector} (null is fine: it selects nothing or everything, per field). */
  public static void validate(LabelSelector selector, FieldPath path, List<FieldError> errs) {
    if (selector == null) {
      return;
    }
    validateLabels(selector.getMatchLabels(), path.child("matchLabels"), errs);
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    if (exprs == null) {
      return;
    }
    for (int i = 0; i < exprs.size(); i++) {
      validateRequirement(exprs.get(i), path.child("matchExpressions").index(i), errs);
    }
  }

  public static void validateRequirement(LabelSelectorRequirement r, FieldPath path, List<FieldError> errs) {
    String op = r.getOperator();
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    if (op == null || op.isEmpty()) {
      errs.add(FieldError.required(path.child("operator"), ""));
    } else {
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errs.add(FieldError.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errs.add(FieldError.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        default -> errs.add(FieldError.notSupported(path.child("operator"), op, OPERATORS));
      }
    }
    labelKey(r.getKey(), path.child("key"), errs);
    for (int j = 0; j < values.size(); j++) {
      String v = values.get(j);
      for (String msg : NameRules.labelValue(v == null ? "" : v)) {
        errs.add(FieldError.invalid(path.child("values").index(j), v, msg));
      }
    }
  }

  /** {@code ValidateLabels}: every key a qualified name, every value a label value. */
  public static void validateLabels(Map<String, String> labels, FieldPath path, List<FieldError> errs) {
    if (labels == null) {
      return;
    }
    labels.forEach(
        (k, v) -> {
          labelKey(k, path, errs);
          for (String msg : NameRules.labelValue(v == null ? "" : v)) {
            errs.add(FieldError.invalid(path, v, msg));
          }
        });
  }

  /** {@code ValidateLabelName}: a qualified name such as {@code app} or {@code tidewater.io/tier}. */
  public static void labelKey(String key, FieldPath path, List<FieldError> errs) {
    if (key == null || key.isEmpty()) {
      errs.add(FieldError.required(path, ""));
      return;
    }
    for (String msg : NameRules.qualifiedName(key)) {
      errs.add(FieldError.invalid(path, key, msg));
    }
  }

  /**
   * Whether {@code selector} matches {@code labels}, with Kubernetes' semantics (all matchLabels and all
   * expressions must hold). A null selector matches nothing, an empty one everything.
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String value = l.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean ok =
            switch (r.getOperator() == null ? "" : r.getOperator()) {
              case "In" -> value != null && values.contains(value);
              case "NotIn" -> value == null || !values.contains(value);
              case "Exists" -> l.containsKey(r.getKey());
              case "DoesNotExist" -> !l.containsKey(r.getKey());
              default -> false;
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
