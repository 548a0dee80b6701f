package io.tidewater.simulator.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.simulator.pods.PodResources;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the node scheduler looks at in a pod: its requests and its constraints on nodes. Pods of
 * one workload have equal needs (an equivalence class), which lets the scheduler reuse a failed
 * attempt for every sibling until capacity changes.
 */
final class PodNeeds {
  private final Map<String, Long> requests;
  private final long nonZeroCpu;
  private final long nonZeroMemory;
  private final JsonNode nodeSelector;
  private final JsonNode nodeAffinity;
  private final JsonNode tolerationsJson;
  private final NodeSelection selection;
  private final List<Toleration> tolerations;
  private final int hash;

  PodNeeds(JsonNode pod) {
    this.requests = Map.copyOf(PodResources.requests(pod));
    long[] nz = PodResources.nonZeroCpuMemory(pod);
    this.nonZeroCpu = nz[0];
    this.nonZeroMemory = nz[1];
    JsonNode spec = pod.path("spec");
    this.nodeSelector = spec.path("nodeSelector");
    this.nodeAffinity = spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
    this.tolerationsJson = spec.path("tolerations");
    this.selection = new NodeSelection(pod);
    this.tolerations = Toleration.of(pod);
    this.hash = Objects.hash(requests, nodeSelector, nodeAffinity, tolerationsJson);
  }

  Map<String, Long> requests() {
    return requests;
  }

  long nonZeroCpu() {
    return nonZeroCpu;
  }

  long nonZeroMemory() {
    return nonZeroMemory;
  }

  NodeSelection selection() {
    return selection;
  }

  List<Toleration> tolerations() {
    return tolerations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PodNeeds p
        && hash == p.hash
        && requests.equals(p.requests)
        && nodeSelector.equals(p.nodeSelector)
        && nodeAffinity.equals(p.nodeAffinity)
        && tolerationsJson.equals(p.tolerationsJson);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
