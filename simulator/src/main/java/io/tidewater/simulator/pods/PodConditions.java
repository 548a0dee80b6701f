package io.tidewater.simulator.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.builtin.support.Trees;
import java.time.Instant;

/** Reads and writes a pod's {@code status.conditions} the way the kubelet and scheduler do. */
public final class PodConditions {
  public static final String POD_SCHEDULED = "PodScheduled";
  public static final String READY = "Ready";
  public static final String CONTAINERS_READY = "ContainersReady";
  public static final String INITIALIZED = "Initialized";
  public static final String READY_TO_START_CONTAINERS = "PodReadyToStartContainers";

  private PodConditions() {}

  /** The condition of this type, or null. */
  public static ObjectNode get(JsonNode pod, String type) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText()) && c instanceof ObjectNode o) {
        return o;
      }
    }
    return null;
  }

  public static boolean isTrue(JsonNode pod, String type) {
    ObjectNode c = get(pod, type);
    return c != null && "True".equals(c.path("status").asText());
  }

  /**
   * Sets a condition on {@code status} (a pod's status object), keeping its transition time when
   * its status does not change; returns whether anything changed.
   */
  public static boolean set(ObjectNode status, String type, String value, String reason, String message, Instant now) {
    ArrayNode conditions = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions")
        : status.putArray("conditions");
    ObjectNode existing = null;
    for (JsonNode c : conditions) {
      if (type.equals(c.path("type").asText()) && c instanceof ObjectNode o) {
        existing = o;
      }
    }
    String r = reason == null ? "" : reason;
    String m = message == null ? "" : message;
    if (existing != null
        && value.equals(existing.path("status").asText())
        && r.equals(existing.path("reason").asText(""))
        && m.equals(existing.path("message").asText(""))) {
      return false;
    }
    boolean transition = existing == null || !value.equals(existing.path("status").asText());
    String since = transition ? ObjectMetas.timestamp(now) : existing.path("lastTransitionTime").asText(ObjectMetas.timestamp(now));
    ObjectNode c = existing != null ? existing : conditions.addObject();
    c.removeAll();
    c.put("type", type);
    c.put("status", value);
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", since);
    if (!r.isEmpty()) {
      c.put("reason", r);
    }
    if (!m.isEmpty()) {
      c.put("message", m);
    }
    return true;
  }

  /** When the condition last changed status, or null. */
  public static Instant lastTransition(JsonNode pod, String type) {
    ObjectNode c = get(pod, type);
    String t = c == null ? "" : Trees.string(c, "lastTransitionTime");
    return t.isEmpty() ? null : ObjectMetas.parseTimestamp(t);
  }
}
