package io.tidewater.simulator.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.builtin.support.Trees;
import java.time.Instant;
import java.util.List;

/**
 * The part of a node the simulator owns, applied on every render: the conditions a kubelet posts
 * (all Unknown once the kubelet is lost) and the taints Kubernetes' node lifecycle controller
 * derives from them ({@code node.kubernetes.io/unreachable}) and from cordoning
 * ({@code node.kubernetes.io/unschedulable}). Idempotent, so an edited node keeps it consistent.
 */
final class NodeStatusOverlay {
  static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
  static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

  private record Condition(String type, String okStatus, String okReason, String okMessage) {}

  private static final List<Condition> CONDITIONS = List.of(
      new Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
      new Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
      new Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
      new Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"));

  private NodeStatusOverlay() {}

  static String time(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  static void apply(ObjectNode node, boolean lost, long sinceSecond) {
    String since = time(sinceSecond);
    ArrayNode conditions = Trees.ensureObject(node, "status").putArray("conditions");
    for (Condition c : CONDITIONS) {
      ObjectNode o = conditions.addObject();
      o.put("type", c.type());
      o.put("status", lost ? "Unknown" : c.okStatus());
      o.put("lastHeartbeatTime", since);
      o.put("lastTransitionTime", since);
      o.put("reason", lost ? "NodeStatusUnknown" : c.okReason());
      o.put("message", lost ? "Kubelet stopped posting node status." : c.okMessage());
    }
    ObjectNode spec = Trees.ensureObject(node, "spec");
    ArrayNode kept = Json.NODES.arrayNode();
    JsonNode taints = spec.get("taints");
    if (taints != null && taints.isArray()) {
      for (JsonNode t : taints) {
        String key = t.path("key").asText("");
        if (!key.equals(UNREACHABLE_TAINT) && !key.equals(UNSCHEDULABLE_TAINT)) {
          kept.add(t);
        }
      }
    }
    if (spec.path("unschedulable").asBoolean(false)) {
      kept.addObject().put("key", UNSCHEDULABLE_TAINT).put("effect", "NoSchedule");
    }
    if (lost) {
      kept.addObject().put("key", UNREACHABLE_TAINT).put("effect", "NoSchedule");
      kept.addObject().put("key", UNREACHABLE_TAINT).put("effect", "NoExecute").put("timeAdded", since);
    }
    if (kept.isEmpty()) {
      spec.remove("taints");
    } else {
      spec.set("taints", kept);
    }
  }
}
