package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.List;

/**
 * Kubernetes' {@code SetDefaults_Pod}: defaults that materialise only on Pods, never in templates
 * (requests from limits, service links, host-network ports), followed by the PodSpec defaults.
 */
public final class PodDefaults {
  private PodDefaults() {}

  public static void apply(ObjectNode pod) {
    ObjectNode spec = Trees.object(pod, "spec");
    if (spec == null) {
      return;
    }
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Trees.objects(spec, list)) {
        requestsFromLimits(c);
      }
    }
    Trees.defaultValue(spec, "enableServiceLinks", true);
    if (Trees.bool(spec, "hostNetwork")) {
      for (String list : List.of("containers", "initContainers")) {
        for (ObjectNode c : Trees.objects(spec, list)) {
          for (ObjectNode port : Trees.objects(c, "ports")) {
            if (Trees.longValue(port, "hostPort") == 0) {
              port.set("hostPort", port.get("containerPort") == null ? port.numberNode(0) : port.get("containerPort"));
            }
          }
        }
      }
    }
    PodSpecDefaults.apply(spec);
  }

  /** A limit without a request makes the request equal to the limit. */
  private static void requestsFromLimits(ObjectNode container) {
    ObjectNode resources = Trees.object(container, "resources");
    JsonNode limits = resources == null ? null : resources.get("limits");
    if (limits == null || !limits.isObject() || limits.isEmpty()) {
      return;
    }
    ObjectNode requests = Trees.ensureObject(resources, "requests");
    limits.properties().forEach(e -> {
      if (!requests.has(e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }
}
