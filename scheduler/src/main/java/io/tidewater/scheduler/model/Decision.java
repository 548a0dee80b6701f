package io.tidewater.scheduler.model;

import java.util.List;
import java.util.Map;

/**
 * The scheduler's answer: replicas per cluster and why.
 *
 * @param targets clusters with replicas (evicted clusters still draining included)
 * @param unschedulable replicas that fit nowhere; never silently dropped
 * @param message a one-line summary for conditions and events
 */
public record Decision(List<Target> targets, int unschedulable, String message) {

  /** @param reason why this cluster got this many, e.g. "tier idc: 20 of 20 fit" */
  public record Target(String cluster, int replicas, String reason) {}

  public int total() {
    return targets.stream().mapToInt(Target::replicas).sum();
  }

  public Map<String, Integer> asMap() {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    targets.forEach(t -> m.put(t.cluster(), t.replicas()));
    return m;
  }
}
