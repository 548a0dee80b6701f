package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import java.time.Instant;

/** Deployment status conditions, as Kubernetes' deployment util (Set/Get/RemoveDeploymentCondition). */
final class DeploymentConditions {
  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String NEW_RS_CREATED = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";
  static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
  static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

  private DeploymentConditions() {}

  static ObjectNode condition(String type, String status, String reason, String message, Instant now) {
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.put("lastUpdateTime", ObjectMetas.timestamp(now));
    c.put("lastTransitionTime", ObjectMetas.timestamp(now));
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  static ObjectNode get(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText()) && c instanceof ObjectNode o) {
        return o;
      }
    }
    return null;
  }

  /** Replaces the condition of its type unless status and reason are unchanged; keeps the transition time when status is. */
  static void set(ObjectNode status, ObjectNode condition) {
    ObjectNode current = get(status, condition.path("type").asText());
    if (current != null
        && current.path("status").asText().equals(condition.path("status").asText())
        && current.path("reason").asText().equals(condition.path("reason").asText())) {
      return;
    }
    if (current != null && current.path("status").asText().equals(condition.path("status").asText())) {
      condition.set("lastTransitionTime", current.get("lastTransitionTime"));
    }
    remove(status, condition.path("type").asText());
    conditions(status).add(condition);
  }

  static void remove(ObjectNode status, String type) {
    ArrayNode kept = Json.NODES.arrayNode();
    for (JsonNode c : status.path("conditions")) {
      if (!type.equals(c.path("type").asText())) {
        kept.add(c);
      }
    }
    if (kept.isEmpty()) {
      status.remove("conditions");
    } else {
      status.set("conditions", kept);
    }
  }

  private static ArrayNode conditions(ObjectNode status) {
    JsonNode c = status.get("conditions");
    return c instanceof ArrayNode a ? a : status.putArray("conditions");
  }
}
