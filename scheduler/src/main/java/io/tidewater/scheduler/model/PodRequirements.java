package io.tidewater.scheduler.model;

import java.util.List;
import java.util.Map;

/**
 * What one replica needs from a node: resource requests, node selector, required node affinity
 * (OR of terms, each an AND of requirements) and tolerations of node taints.
 */
public record PodRequirements(
    Resources request, Map<String, String> nodeSelector, List<List<NodeSelectorRequirement>> requiredAffinity, List<Toleration> tolerations) {

  public static PodRequirements of(Resources request) {
    return new PodRequirements(request, Map.of(), List.of(), List.of());
  }

  /** Whether a node with these labels and taints may run the pod (ignoring resources). */
  public boolean admits(NodeClass node) {
    if (node.unschedulable()) {
      return false;
    }
    for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
      if (!e.getValue().equals(node.labels().get(e.getKey()))) {
        return false;
      }
    }
    if (!requiredAffinity.isEmpty()) {
      boolean any = false;
      for (List<NodeSelectorRequirement> term : requiredAffinity) {
        boolean all = true;
        for (NodeSelectorRequirement r : term) {
          if (!r.matches(node.labels())) {
            all = false;
            break;
          }
        }
        if (all) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return Toleration.toleratesAll(tolerations, node.taints(), List.of("NoSchedule", "NoExecute"));
  }
}
