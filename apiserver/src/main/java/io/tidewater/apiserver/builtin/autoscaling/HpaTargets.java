package io.tidewater.apiserver.builtin.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.ArrayList;
import java.util.List;

/**
 * The TARGETS cell of {@code kubectl get hpa} ({@code formatHPAMetrics}): "current/target" per
 * metric, resource metrics prefixed with their name ("cpu: 40%/80%"), "<unknown>" before the first
 * measurement, at most two metrics then "+ N more...".
 */
final class HpaTargets {
  private HpaTargets() {}

  static final int SHOWN = 2;

  static String format(ObjectNode hpa) {
    List<ObjectNode> specs = Trees.objects(Trees.object(hpa, "spec"), "metrics");
    if (specs.isEmpty()) {
      return "<none>";
    }
    List<ObjectNode> statuses = Trees.objects(Trees.object(hpa, "status"), "currentMetrics");
    List<String> list = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ObjectNode spec = specs.get(i);
      ObjectNode status = i < statuses.size() ? statuses.get(i) : null;
      list.add(entry(spec, status));
    }
    if (list.size() > SHOWN) {
      return String.join(", ", list.subList(0, SHOWN)) + " + " + (list.size() - SHOWN) + " more...";
    }
    return String.join(", ", list);
  }

  private static String entry(ObjectNode spec, ObjectNode status) {
    return switch (Trees.string(spec, "type")) {
      case "External" -> valueOrAverage(spec, status, "external");
      case "Object" -> valueOrAverage(spec, status, "object");
      case "Pods" -> {
        JsonNode statusSource = status == null ? null : Trees.object(status, "pods");
        String current = statusSource == null ? "<unknown>" : quantity(Trees.at(statusSource, "current.averageValue"), "0");
        yield current + "/" + quantity(Trees.at(spec, "pods.target.averageValue"), "0");
      }
      case "Resource" -> resource(spec, status, "resource");
      case "ContainerResource" -> resource(spec, status, "containerResource");
      default -> "<unknown type>";
    };
  }

  /** Object and External metrics: an average target prints "(avg)". */
  private static String valueOrAverage(ObjectNode spec, ObjectNode status, String source) {
    JsonNode averageTarget = Trees.at(spec, source + ".target.averageValue");
    JsonNode statusSource = status == null ? null : Trees.object(status, source);
    if (averageTarget != null) {
      JsonNode current = statusSource == null ? null : Trees.at(statusSource, "current.averageValue");
      return quantity(current, "<unknown>") + "/" + quantity(averageTarget, "0") + " (avg)";
    }
    String current = statusSource == null ? "<unknown>" : quantity(Trees.at(statusSource, "current.value"), "0");
    return current + "/" + quantity(Trees.at(spec, source + ".target.value"), "0");
  }

  private static String resource(ObjectNode spec, ObjectNode status, String source) {
    String name = Trees.string(Trees.object(spec, source), "name");
    JsonNode statusSource = status == null ? null : Trees.object(status, source);
    JsonNode averageTarget = Trees.at(spec, source + ".target.averageValue");
    if (averageTarget != null) {
      String current = statusSource == null ? "<unknown>" : quantity(Trees.at(statusSource, "current.averageValue"), "0");
      return name + ": " + current + "/" + quantity(averageTarget, "0");
    }
    JsonNode currentUtilization = statusSource == null ? null : Trees.at(statusSource, "current.averageUtilization");
    String current = currentUtilization == null ? "<unknown>" : currentUtilization.asLong() + "%";
    JsonNode targetUtilization = Trees.at(spec, source + ".target.averageUtilization");
    String target = targetUtilization == null ? "<auto>" : targetUtilization.asLong() + "%";
    return name + ": " + current + "/" + target;
  }

  /** A quantity as Kubernetes prints it (canonical); {@code ifMissing} for an unset one. */
  private static String quantity(JsonNode q, String ifMissing) {
    if (q == null) {
      return ifMissing;
    }
    try {
      return Quantities.parse(q).toString();
    } catch (IllegalArgumentException e) {
      return q.asText();
    }
  }
}
