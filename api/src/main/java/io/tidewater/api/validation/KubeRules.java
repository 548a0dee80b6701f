package io.tidewater.api.validation;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of the Kubernetes types Tidewater's kinds embed (taints, tolerations, node selector terms,
 * quantities, resource requirements, conditions), following the paths and messages of Kubernetes'
 * {@code pkg/apis/core/validation} so errors look the same as the API server's own.
 */
public final class KubeRules {
  private KubeRules() {}

  public static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  public static final List<String> NODE_SELECTOR_OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");
  public static final List<String> CONDITION_STATUSES = List.of("True", "False", "Unknown");

  private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");
  private static final Pattern CONDITION_REASON = Pattern.compile("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");

  /** Node and cluster taints: qualified key, label-value value, a known effect, unique by key and effect. */
  public static void taints(List<Taint> taints, FieldPath path, List<FieldError> errs) {
    if (taints == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      Taint t = taints.get(i);
      FieldPath p = path.index(i);
      LabelSelectorRules.labelKey(t.getKey(), p.child("key"), errs);
      if (t.getValue() != null) {
        for (String msg : NameRules.labelValue(t.getValue())) {
          errs.add(FieldError.invalid(p.child("value"), t.getValue(), msg));
        }
      }
      taintEffect(t.getEffect(), false, p.child("effect"), errs);
      if (!seen.add(t.getKey() + ":" + t.getEffect())) {
        errs.add(FieldError.invalid(p, t.getKey() + ":" + t.getEffect(), "taints must be unique by key and effect pair"));
      }
    }
  }

  /** {@code validateTolerations}, as for a pod. */
  public static void tolerations(List<Toleration> tolerations, FieldPath path, List<FieldError> errs) {
    if (tolerations == null) {
      return;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      Toleration t = tolerations.get(i);
      FieldPath p = path.index(i);
      String key = t.getKey() == null ? "" : t.getKey();
      String op = t.getOperator() == null ? "" : t.getOperator();
      String value = t.getValue() == null ? "" : t.getValue();
      if (!key.isEmpty()) {
        LabelSelectorRules.labelKey(key, p.child("key"), errs);
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        errs.add(FieldError.invalid(p.child("operator"), op,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
      }
      if (t.getTolerationSeconds() != null && !"NoExecute".equals(t.getEffect())) {
        errs.add(FieldError.invalid(p.child("effect"), t.getEffect(), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (op) {
        case "", "Equal" -> {
          List<String> msgs = NameRules.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.add(FieldError.invalid(p.child("operator"), value, String.join("; ", msgs)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.add(FieldError.invalid(p.child("operator"), value, "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> errs.add(FieldError.notSupported(p.child("operator"), op, List.of("Equal", "Exists")));
      }
      if (t.getEffect() != null && !t.getEffect().isEmpty()) {
        taintEffect(t.getEffect(), true, p.child("effect"), errs);
      }
    }
  }

  private static void taintEffect(String effect, boolean allowEmpty, FieldPath path, List<FieldError> errs) {
    if (effect == null || effect.isEmpty()) {
      if (!allowEmpty) {
        errs.add(FieldError.required(path, ""));
      }
      return;
    }
    if (!TAINT_EFFECTS.contains(effect)) {
      errs.add(FieldError.notSupported(path, effect, TAINT_EFFECTS));
    }
  }

  /** A required node affinity: at least one term, each term's requirements valid. */
  public static void nodeSelector(NodeSelector selector, FieldPath path, List<FieldError> errs) {
    if (selector == null) {
      return;
    }
    List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
    if (terms == null || terms.isEmpty()) {
      errs.add(FieldError.required(path.child("nodeSelectorTerms"), "must have at least one node selector term"));
      return;
    }
    for (int i = 0; i < terms.size(); i++) {
      FieldPath tp = path.child("nodeSelectorTerms").index(i);
      List<NodeSelectorRequirement> exprs = terms.get(i).getMatchExpressions();
      if (exprs != null) {
        for (int j = 0; j < exprs.size(); j++) {
          nodeSelectorRequirement(exprs.get(j), tp.child("matchExpressions").index(j), errs);
        }
      }
    }
  }

  /** {@code ValidateNodeSelectorRequirement}. */
  public static void nodeSelectorRequirement(NodeSelectorRequirement r, FieldPath path, List<FieldError> errs) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    String op = r.getOperator() == null ? "" : r.getOperator();
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
      case "Gt", "Lt" -> {
        if (values.size() != 1) {
          errs.add(FieldError.required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        }
      }
      default -> errs.add(FieldError.invalid(path.child("operator"), op, "not a valid selector operator"));
    }
    LabelSelectorRules.labelKey(r.getKey(), path.child("key"), errs);
  }

  /** A quantity must parse; with {@code nonNegative} it must also be {@code >= 0}. */
  public static BigDecimal quantity(Quantity q, boolean nonNegative, FieldPath path, List<FieldError> errs) {
    if (q == null) {
      return null;
    }
    String text = q.toString();
    BigDecimal amount = null;
    if (QUANTITY.matcher(text).matches()) {
      try {
        amount = q.getNumericalAmount();
      } catch (RuntimeException e) {
        amount = null;
      }
    }
    if (amount == null) {
      errs.add(FieldError.invalid(path, text,
          "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
      return null;
    }
    if (nonNegative && amount.signum() < 0) {
      errs.add(FieldError.invalid(path, text, "must be greater than or equal to 0"));
    }
    return amount;
  }

  /** A resource list ({@code cpu: 500m, memory: 1Gi, nvidia.com/gpu: 1}): qualified names, non-negative amounts. */
  public static void resourceList(Map<String, Quantity> list, FieldPath path, List<FieldError> errs) {
    if (list == null) {
      return;
    }
    list.forEach(
        (name, q) -> {
          for (String msg : NameRules.qualifiedName(name)) {
            errs.add(FieldError.invalid(path.key(name), name, msg));
          }
          quantity(q, true, path.key(name), errs);
        });
  }

  /** Requests and limits are valid lists, and no request exceeds its limit. */
  public static void resourceRequirements(ResourceRequirements rr, FieldPath path, List<FieldError> errs) {
    if (rr == null) {
      return;
    }
    resourceList(rr.getRequests(), path.child("requests"), errs);
    resourceList(rr.getLimits(), path.child("limits"), errs);
    if (rr.getRequests() == null || rr.getLimits() == null) {
      return;
    }
    rr.getRequests().forEach(
        (name, request) -> {
          Quantity limit = rr.getLimits().get(name);
          if (limit == null) {
            return;
          }
          try {
            if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
              errs.add(FieldError.invalid(path.child("requests").key(name), request.toString(),
                  "must be less than or equal to " + name + " limit of " + limit));
            }
          } catch (RuntimeException unparsable) {
            // already reported by resourceList
          }
        });
  }

  /**
   * {@code metav1.Condition} lists, as status writers produce them: a qualified type, unique per list, a
   * status of True, False or Unknown, and a CamelCase reason when one is given.
   */
  public static void conditions(List<Condition> conditions, FieldPath path, List<FieldError> errs) {
    if (conditions == null) {
      return;
    }
    Set<String> types = new HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      Condition c = conditions.get(i);
      FieldPath p = path.index(i);
      LabelSelectorRules.labelKey(c.getType(), p.child("type"), errs);
      if (c.getType() != null && !types.add(c.getType())) {
        errs.add(FieldError.duplicate(p.child("type"), c.getType()));
      }
      if (c.getStatus() == null || c.getStatus().isEmpty()) {
        errs.add(FieldError.required(p.child("status"), ""));
      } else if (!CONDITION_STATUSES.contains(c.getStatus())) {
        errs.add(FieldError.notSupported(p.child("status"), c.getStatus(), CONDITION_STATUSES));
      }
      if (c.getReason() != null && !c.getReason().isEmpty() && !CONDITION_REASON.matcher(c.getReason()).matches()) {
        errs.add(FieldError.invalid(p.child("reason"), c.getReason(),
            "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric"
                + " characters or '_,:', and must end with an alphanumeric character or '_' (e.g. 'MyReason', or"
                + " 'my_reason', or 'MY:Reason', regex used for validation is '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')"));
      }
    }
  }

  /** Adds an Invalid error when {@code value} is below {@code min}. */
  public static void atLeast(Integer value, int min, FieldPath path, List<FieldError> errs) {
    if (value != null && value < min) {
      errs.add(FieldError.invalid(path, value, "must be greater than or equal to " + min));
    }
  }

  /** Adds an Invalid error when {@code value} is outside {@code [min, max]}. */
  public static void between(Integer value, int min, int max, FieldPath path, List<FieldError> errs) {
    if (value != null && (value < min || value > max)) {
      errs.add(FieldError.invalid(path, value, "must be between " + min + " and " + max + ", inclusive"));
    }
  }

  /** An RFC 1123 label (tier names, cluster names, node pool names). */
  public static void dnsLabel(String value, FieldPath path, List<FieldError> errs) {
    if (value == null || value.isEmpty()) {
      return;
    }
    for (String msg : NameRules.dns1123Label(value)) {
      errs.add(FieldError.invalid(path, value, msg));
    }
  }

  /** An RFC 1123 subdomain (most object names). */
  public static void dnsSubdomain(String value, FieldPath path, List<FieldError> errs) {
    if (value == null || value.isEmpty()) {
      return;
    }
    for (String msg : NameRules.dns1123Subdomain(value)) {
      errs.add(FieldError.invalid(path, value, msg));
    }
  }

  /** A Go duration that is not negative. */
  public static void duration(String value, FieldPath path, List<FieldError> errs) {
    if (value == null) {
      return;
    }
    String problem = GoDuration.problem(value);
    if (problem != null) {
      errs.add(FieldError.invalid(path, value, problem));
    } else if (GoDuration.parse(value).isNegative()) {
      errs.add(FieldError.invalid(path, value, "must not be negative"));
    }
  }
}
