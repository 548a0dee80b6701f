package io.tidewater.simulator.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Kubernetes' {@code GetPodQOS}: Guaranteed, Burstable or BestEffort, from CPU and memory requests and limits. */
final class QosClass {
  private static final List<String> RESOURCES = List.of("cpu", "memory");

  private QosClass() {}

  static String of(JsonNode pod) {
    boolean any = false;
    boolean guaranteed = true;
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : pod.path("spec").path(list)) {
        JsonNode requests = c.path("resources").path("requests");
        JsonNode limits = c.path("resources").path("limits");
        for (String r : RESOURCES) {
          String req = requests.path(r).asText("");
          String lim = limits.path(r).asText("");
          if (!req.isEmpty() || !lim.isEmpty()) {
            any = true;
          }
          if (lim.isEmpty() || (!req.isEmpty() && !req.equals(lim))) {
            guaranteed = false;
          }
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
