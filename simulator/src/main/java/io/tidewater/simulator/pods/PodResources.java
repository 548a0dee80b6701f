package io.tidewater.simulator.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.simulator.nodes.ResourceNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pod requests, as Kubernetes' {@code resource.PodRequests}: the sum of its containers and
 * of its sidecars (init containers with {@code restartPolicy: Always}), at least the largest
 * ordinary init container together with the sidecars started before it, plus overhead. A
 * container that sets a limit but no request requests its limit.
 */
public final class PodResources {
  /** What the scheduler assumes for scoring a container that requests no CPU (kube-scheduler's default). */
  public static final long DEFAULT_CPU_MILLIS = 100;
  /** What the scheduler assumes for scoring a container that requests no memory. */
  public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  private PodResources() {}

  /** Requested amounts by resource (CPU in millicores), without zero entries. */
  public static Map<String, Long> requests(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    Map<String, Long> sum = new TreeMap<>();
    for (JsonNode c : spec.path("containers")) {
      add(sum, containerRequests(c));
    }
    Map<String, Long> sidecars = new HashMap<>();
    Map<String, Long> init = new HashMap<>();
    for (JsonNode c : spec.path("initContainers")) {
      Map<String, Long> r = containerRequests(c);
      Map<String, Long> during;
      if ("Always".equals(c.path("restartPolicy").asText())) {
        add(sum, r);
        add(sidecars, r);
        during = new HashMap<>(sidecars);
      } else {
        during = new HashMap<>(r);
        add(during, sidecars);
      }
      max(init, during);
    }
    max(sum, init);
    JsonNode overhead = spec.path("overhead");
    if (overhead.isObject()) {
      add(sum, amounts(overhead));
    }
    sum.values().removeIf(v -> v == 0);
    return sum;
  }

  /**
   * CPU and memory as the scheduler scores them: a container without a request counts as 100m CPU
   * and 200Mi memory, so empty pods still spread.
   */
  public static long[] nonZeroCpuMemory(JsonNode pod) {
    long cpu = 0;
    long mem = 0;
    for (JsonNode c : pod.path("spec").path("containers")) {
      Map<String, Long> r = containerRequests(c);
      cpu += r.getOrDefault(ResourceNames.CPU, 0L) == 0 ? DEFAULT_CPU_MILLIS : r.get(ResourceNames.CPU);
      mem += r.getOrDefault(ResourceNames.MEMORY, 0L) == 0 ? DEFAULT_MEMORY : r.get(ResourceNames.MEMORY);
    }
    return new long[] {cpu, mem};
  }

  private static Map<String, Long> containerRequests(JsonNode container) {
    JsonNode resources = container.path("resources");
    Map<String, Long> out = amounts(resources.path("requests"));
    Map<String, Long> limits = amounts(resources.path("limits"));
    limits.forEach(out::putIfAbsent);
    return out;
  }

  private static Map<String, Long> amounts(JsonNode list) {
    Map<String, Long> out = new HashMap<>();
    if (list.isObject()) {
      list.fields().forEachRemaining(e -> out.put(e.getKey(), ResourceNames.amount(e.getKey(), e.getValue().asText())));
    }
    return out;
  }

  private static void add(Map<String, Long> into, Map<String, Long> more) {
    more.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  private static void max(Map<String, Long> into, Map<String, Long> other) {
    other.forEach((k, v) -> into.merge(k, v, Math::max));
  }

  /** Every container's image: init containers, then containers. */
  public static List<String> images(JsonNode pod) {
    List<String> out = new java.util.ArrayList<>();
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : pod.path("spec").path(list)) {
        out.add(c.path("image").asText(""));
      }
    }
    return out;
  }
}
