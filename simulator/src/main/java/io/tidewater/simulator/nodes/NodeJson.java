package io.tidewater.simulator.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.NodeTaint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the scheduler's view out of a node's JSON, for nodes that are not plain pool nodes. */
final class NodeJson {
  private NodeJson() {}

  static boolean unschedulable(ObjectNode node) {
    return node.path("spec").path("unschedulable").asBoolean(false);
  }

  static NodeProfile profile(ObjectNode node) {
    Map<String, String> labels = new HashMap<>(ObjectMetas.labels(node));
    labels.remove(NodeTemplate.HOSTNAME_LABEL);
    List<NodeTaint> taints = new ArrayList<>();
    for (JsonNode t : node.path("spec").path("taints")) {
      String key = t.path("key").asText("");
      if (key.equals(NodeStatusOverlay.UNREACHABLE_TAINT) || key.equals(NodeStatusOverlay.UNSCHEDULABLE_TAINT)) {
        continue; // derived from the node's state, as for pool nodes
      }
      String effect = t.path("effect").asText("");
      if (NodeTaint.EFFECTS.contains(effect)) {
        taints.add(new NodeTaint(key, t.path("value").asText(""), effect));
      }
    }
    Map<String, Long> allocatable = new HashMap<>();
    JsonNode alloc = node.path("status").path("allocatable");
    if (alloc.isMissingNode() || alloc.isEmpty()) {
      alloc = node.path("status").path("capacity");
    }
    alloc.fields().forEachRemaining(e -> {
      try {
        allocatable.put(e.getKey(), ResourceNames.amount(e.getKey(), e.getValue().asText()));
      } catch (RuntimeException bad) {
        // validation rejects bad quantities; a node that slipped through simply lacks the resource
      }
    });
    return new NodeProfile(labels, taints, allocatable);
  }
}
