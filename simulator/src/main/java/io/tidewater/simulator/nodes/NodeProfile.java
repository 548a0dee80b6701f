package io.tidewater.simulator.nodes;

import io.tidewater.simulator.NodeTaint;
import java.util.List;
import java.util.Map;

/**
 * What the node scheduler needs to know of a node besides its name and flags: labels, taints and
 * allocatable resources. Every node of a pool shares one profile (a node equivalence class), so
 * filters that depend only on these are evaluated once per pool, not once per node.
 *
 * @param labels the node's labels except {@code kubernetes.io/hostname}, which is the node's name
 * @param taints the node's own taints, without those the simulator derives from its state
 * @param allocatable allocatable amounts in base units; CPU in millicores
 */
public record NodeProfile(Map<String, String> labels, List<NodeTaint> taints, Map<String, Long> allocatable) {
  public NodeProfile {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    allocatable = Map.copyOf(allocatable);
  }

  public long allocatable(String resource) {
    Long v = allocatable.get(resource);
    return v == null ? 0 : v;
  }
}
