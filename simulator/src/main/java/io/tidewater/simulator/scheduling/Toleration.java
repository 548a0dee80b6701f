package io.tidewater.simulator.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.simulator.NodeTaint;
import java.util.ArrayList;
import java.util.List;

/** One of a pod's tolerations, with Kubernetes' {@code ToleratesTaint}. */
record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {

  static List<Toleration> of(JsonNode pod) {
    List<Toleration> out = new ArrayList<>();
    for (JsonNode t : pod.path("spec").path("tolerations")) {
      out.add(new Toleration(
          t.path("key").asText(""),
          t.path("operator").asText(""),
          t.path("value").asText(""),
          t.path("effect").asText(""),
          t.hasNonNull("tolerationSeconds") ? t.get("tolerationSeconds").asLong() : null));
    }
    return out;
  }

  boolean tolerates(NodeTaint taint) {
    return tolerates(taint.key(), taint.value(), taint.effect());
  }

  boolean tolerates(String taintKey, String taintValue, String taintEffect) {
    if (!effect.isEmpty() && !effect.equals(taintEffect)) {
      return false;
    }
    if (!key.isEmpty() && !key.equals(taintKey)) {
      return false;
    }
    return switch (operator) {
      case "", "Equal" -> value.equals(taintValue);
      case "Exists" -> true;
      default -> false;
    };
  }

  static boolean anyTolerates(List<Toleration> tolerations, String key, String value, String effect) {
    for (Toleration t : tolerations) {
      if (t.tolerates(key, value, effect)) {
        return true;
      }
    }
    return false;
  }
}
