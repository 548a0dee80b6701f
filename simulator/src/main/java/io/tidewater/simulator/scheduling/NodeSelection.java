package io.tidewater.simulator.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * A pod's hard constraints on node labels, as kube-scheduler's NodeAffinity filter: every
 * {@code nodeSelector} entry, and one of the required node affinity terms, each term being a
 * conjunction of label expressions (In, NotIn, Exists, DoesNotExist, Gt, Lt) and field
 * expressions on {@code metadata.name}.
 */
final class NodeSelection {
  private final JsonNode nodeSelector;
  private final JsonNode terms;

  NodeSelection(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    this.nodeSelector = spec.path("nodeSelector");
    JsonNode required = spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
    this.terms = required.isObject() ? required.path("nodeSelectorTerms") : null;
  }

  boolean isEmpty() {
    return (!nodeSelector.isObject() || nodeSelector.isEmpty()) && terms == null;
  }

  /** Whether the outcome depends on the node's own name, so nodes of one pool may differ. */
  boolean isNodeSpecific() {
    if (nodeSelector.has("kubernetes.io/hostname")) {
      return true;
    }
    if (terms == null) {
      return false;
    }
    for (JsonNode term : terms) {
      if (term.path("matchFields").size() > 0) {
        return true;
      }
      for (JsonNode e : term.path("matchExpressions")) {
        if ("kubernetes.io/hostname".equals(e.path("key").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  boolean matches(Function<String, String> label, String nodeName) {
    if (nodeSelector.isObject()) {
      var it = nodeSelector.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!e.getValue().asText().equals(label.apply(e.getKey()))) {
          return false;
        }
      }
    }
    if (terms == null) {
      return true;
    }
    for (JsonNode term : terms) {
      if (termMatches(term, label, nodeName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean termMatches(JsonNode term, Function<String, String> label, String nodeName) {
    JsonNode exprs = term.path("matchExpressions");
    JsonNode fields = term.path("matchFields");
    if (exprs.isEmpty() && fields.isEmpty()) {
      return false; // an empty term matches no node
    }
    for (JsonNode e : exprs) {
      if (!requirementMatches(e, label.apply(e.path("key").asText("")))) {
        return false;
      }
    }
    for (JsonNode f : fields) {
      if (!"metadata.name".equals(f.path("key").asText()) || !requirementMatches(f, nodeName)) {
        return false;
      }
    }
    return true;
  }

  private static boolean requirementMatches(JsonNode req, String value) {
    JsonNode values = req.path("values");
    return switch (req.path("operator").asText("")) {
      case "In" -> value != null && contains(values, value);
      case "NotIn" -> value == null || !contains(values, value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" -> compare(value, values) > 0;
      case "Lt" -> compare(value, values) < 0;
      default -> false;
    };
  }

  private static boolean contains(JsonNode values, String v) {
    for (JsonNode x : values) {
      if (v.equals(x.asText())) {
        return true;
      }
    }
    return false;
  }

  /** Sign of label value minus the single bound; 0 (no match either way) when either is not an integer. */
  private static int compare(String value, JsonNode values) {
    if (value == null || values.size() != 1) {
      return 0;
    }
    try {
      return Long.compare(Long.parseLong(value), Long.parseLong(values.get(0).asText()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
