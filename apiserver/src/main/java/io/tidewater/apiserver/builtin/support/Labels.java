package io.tidewater.apiserver.builtin.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.validation.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Label maps and {@code metav1.LabelSelector} objects: validation and kubectl's formatting. */
public final class Labels {
  private Labels() {}

  /** {@code ValidateLabels}: keys are qualified names, values label values; all errors at {@code path}. */
  public static void validate(JsonNode labels, FieldPath path, FieldErrors errs) {
    if (labels == null || !labels.isObject()) {
      return;
    }
    labels.properties().forEach(e -> {
      errs.invalidEach(path, e.getKey(), NameRules.qualifiedName(e.getKey()));
      String v = e.getValue().isNull() ? "" : e.getValue().asText();
      errs.invalidEach(path, v, NameRules.labelValue(v));
    });
  }

  /** {@code ValidateLabelSelector} with strict label values, as workloads use. */
  public static void validateSelector(JsonNode selector, FieldPath path, FieldErrors errs) {
    if (selector == null || selector.isNull()) {
      return;
    }
    validate(selector.get("matchLabels"), path.child("matchLabels"), errs);
    List<JsonNode> exprs = new ArrayList<>();
    JsonNode me = selector.get("matchExpressions");
    if (me != null && me.isArray()) {
      me.forEach(exprs::add);
    }
    for (int i = 0; i < exprs.size(); i++) {
      JsonNode expr = exprs.get(i);
      FieldPath p = path.child("matchExpressions").index(i);
      String op = Trees.string(expr, "operator");
      int values = Trees.size(expr, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values == 0) {
            errs.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (values > 0) {
            errs.forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          }
        }
        default -> errs.invalid(p.child("operator"), op, "not a valid selector operator");
      }
      String key = Trees.string(expr, "key");
      errs.invalidEach(p.child("key"), key, NameRules.qualifiedName(key));
      JsonNode vs = expr.get("values");
      if (vs != null && vs.isArray()) {
        for (int j = 0; j < vs.size(); j++) {
          String v = vs.get(j).asText();
          errs.invalidEach(p.child("values").index(j), v, NameRules.labelValue(v));
        }
      }
    }
  }

  /** Whether a selector object has no requirement at all ({@code {}}). */
  public static boolean isEmptySelector(JsonNode selector) {
    return Trees.size(selector, "matchLabels") + Trees.size(selector, "matchExpressions") == 0;
  }

  /** The selector, or empty if it cannot be converted ({@code LabelSelectorAsSelector} failing). */
  public static Optional<LabelSelector> selector(JsonNode selector) {
    try {
      return Optional.of(LabelSelector.fromObject(selector));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A label map as a plain map; non-strings are rendered as text. */
  public static Map<String, String> map(JsonNode labels) {
    Map<String, String> out = new TreeMap<>();
    if (labels != null && labels.isObject()) {
      labels.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    }
    return out;
  }

  /** {@code labels.FormatLabels}: "a=b,c=d" sorted by key, or "<none>". */
  public static String format(JsonNode labels) {
    Map<String, String> m = map(labels);
    if (m.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /** {@code Selector.String()} of a selector object: "" for a missing or empty selector. */
  public static String selectorString(JsonNode selector) {
    if (selector == null || selector.isNull()) {
      return "";
    }
    return selector(selector).map(LabelSelector::toString).orElse("<error>");
  }

  /** {@code metav1.FormatLabelSelector}: like {@link #selectorString} but "<none>" when empty. */
  public static String formatSelector(JsonNode selector) {
    String s = selectorString(selector);
    return s.isEmpty() ? "<none>" : s;
  }
}
