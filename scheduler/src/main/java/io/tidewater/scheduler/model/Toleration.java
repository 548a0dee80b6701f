package io.tidewater.scheduler.model;

import java.util.List;

/**
 * A toleration with Kubernetes' matching rules: operator Exists (any value) or Equal; an empty key
 * with Exists tolerates everything; an empty effect matches every effect.
 */
public record Toleration(String key, String operator, String value, String effect) {

  public boolean tolerates(Taint t) {
    if (effect != null && !effect.isEmpty() && !effect.equals(t.effect())) {
      return false;
    }
    if (key == null || key.isEmpty()) {
      return "Exists".equals(operator);
    }
    if (!key.equals(t.key())) {
      return false;
    }
    if ("Exists".equals(operator)) {
      return true;
    }
    return (value == null ? "" : value).equals(t.value() == null ? "" : t.value());
  }

  /** Whether every taint with one of {@code effects} is tolerated. */
  public static boolean toleratesAll(List<Toleration> tolerations, List<Taint> taints, List<String> effects) {
    for (Taint t : taints) {
      if (!effects.contains(t.effect())) {
        continue;
      }
      boolean ok = false;
      for (Toleration tol : tolerations) {
        if (tol.tolerates(t)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
