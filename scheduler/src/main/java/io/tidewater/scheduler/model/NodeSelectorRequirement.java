package io.tidewater.scheduler.model;

import java.util.List;
import java.util.Map;

/** A node-affinity requirement on labels: In, NotIn, Exists, DoesNotExist, Gt, Lt. */
public record NodeSelectorRequirement(String key, String operator, List<String> values) {

  public boolean matches(Map<String, String> labels) {
    String v = labels.get(key);
    return switch (operator) {
      case "In" -> v != null && values.contains(v);
      case "NotIn" -> v == null || !values.contains(v);
      case "Exists" -> v != null;
      case "DoesNotExist" -> v == null;
      case "Gt" -> v != null && compare(v) > 0;
      case "Lt" -> v != null && compare(v) < 0;
      default -> false;
    };
  }

  private int compare(String v) {
    try {
      return Long.compare(Long.parseLong(v), Long.parseLong(values.get(0)));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
