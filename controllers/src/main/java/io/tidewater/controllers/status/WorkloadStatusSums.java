package io.tidewater.controllers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.controllers.rollout.RolloutBudget;
import java.time.Clock;
import java.util.List;

/**
 * The federation-wide status of a Deployment or StatefulSet: the sum of its members' statuses,
 * with Kubernetes' meanings for the conditions kubectl reads.
 */
final class WorkloadStatusSums {
  private WorkloadStatusSums() {}

  /** Where a Fleet-Root rollout stands: the revision, the members that run it, those still waiting for budget. */
  record Stage(String revision, List<String> started, List<String> waiting, io.tidewater.controllers.rollout.StageState staged) {}

  /** Condition type on the federation's Deployment describing the rollout's stage across members. */
  static final String FLEET_ROLLOUT = "FleetRollout";

  static ObjectNode deployment(ObjectNode template, List<JsonNode> members, boolean observed, Stage stage, Clock clock) {
    long replicas = sum(members, "replicas");
    long updated = sum(members, "updatedReplicas");
    long ready = sum(members, "readyReplicas");
    long available = sum(members, "availableReplicas");
    long unavailable = sum(members, "unavailableReplicas");
    int desired = template.path("spec").path("replicas").asInt(1);
    ObjectNode s = Json.object();
    s.put("observedGeneration", observed ? ObjectMetas.generation(template) : Math.max(0, template.path("status").path("observedGeneration").asLong(0)));
    s.put("replicas", (int) replicas);
    s.put("updatedReplicas", (int) updated);
    s.put("readyReplicas", (int) ready);
    s.put("availableReplicas", (int) available);
    if (unavailable > 0) {
      s.put("unavailableReplicas", (int) unavailable);
    }
    ArrayNode conds = s.putArray("conditions");
    int maxUnavailable = RolloutBudget.maxUnavailable(template.path("spec").path("strategy").path("rollingUpdate"), desired);
    boolean isAvailable = available >= desired - maxUnavailable;
    String now = ObjectMetas.timestamp(clock.instant());
    condition(conds, template, "Available", isAvailable ? "True" : "False", isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        isAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now);
    boolean complete = observed && updated == desired && replicas == desired && available == desired;
    boolean deadline = members.stream().anyMatch(m -> hasCondition(m, "Progressing", "ProgressDeadlineExceeded"));
    String reason = deadline ? "ProgressDeadlineExceeded" : complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated";
    String message = deadline ? "a member cluster's rollout exceeded its progress deadline"
        : complete ? "all " + desired + " replicas are updated and available across member clusters"
        : updated + " of " + desired + " replicas updated, " + available + " available across member clusters";
    condition(conds, template, "Progressing", deadline ? "False" : "True", reason, message, now);
    if (stage != null) {
      int clusters = stage.started().size() + stage.waiting().size();
      boolean allStarted = stage.waiting().isEmpty();
      String msg = allStarted
          ? (complete ? "revision " + stage.revision() + " runs in all " + clusters + " member cluster(s)"
              : "revision " + stage.revision() + " started in all " + clusters + " member cluster(s); " + updated + " of " + desired + " replicas updated")
          : "revision " + stage.revision() + " started in " + stage.started().size() + " of " + clusters + " member cluster(s) " + stage.started()
              + "; waiting for the fleet-wide budget: " + stage.waiting();
      String stageReason = allStarted ? (complete ? "RolloutComplete" : "AllClustersStarted") : "Staged";
      var staged = stage.staged() != null && stage.revision().equals(stage.staged().revision()) ? stage.staged() : null;
      if (staged != null && staged.halted() != null && !complete) {
        stageReason = "Halted";
        msg = "revision " + stage.revision() + ": " + staged.halted();
      } else if (staged != null && staged.passedAt() != null && !allStarted) {
        stageReason = "Paused";
        msg = "revision " + stage.revision() + ": stage " + staged.stageName() + " passed its health gate and is paused; " + msg;
      } else if (staged != null && staged.stageName() != null && !allStarted) {
        msg = "revision " + stage.revision() + ": stage " + staged.stageName() + " " + staged.admitted() + "; " + msg;
      }
      condition(conds, template, FLEET_ROLLOUT, allStarted && complete ? "True" : "False", stageReason, msg, now);
    }
    return s;
  }

  static ObjectNode statefulSet(ObjectNode template, List<JsonNode> members, boolean observed) {
    ObjectNode s = Json.object();
    s.put("observedGeneration", observed ? ObjectMetas.generation(template) : Math.max(0, template.path("status").path("observedGeneration").asLong(0)));
    s.put("replicas", (int) sum(members, "replicas"));
    s.put("readyReplicas", (int) sum(members, "readyReplicas"));
    s.put("currentReplicas", (int) sum(members, "currentReplicas"));
    s.put("updatedReplicas", (int) sum(members, "updatedReplicas"));
    s.put("availableReplicas", (int) sum(members, "availableReplicas"));
    // Revisions are federation-wide: named after the template's generation; current catches up
    // only when every member runs its update revision.
    String update = ObjectMetas.name(template) + "-g" + ObjectMetas.generation(template);
    boolean done = observed && members.stream().allMatch(m -> m.path("currentRevision").asText("").equals(m.path("updateRevision").asText("")));
    String previous = template.path("status").path("currentRevision").asText(update);
    s.put("updateRevision", update);
    s.put("currentRevision", done ? update : previous);
    return s;
  }

  private static boolean hasCondition(JsonNode status, String type, String reason) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText()) && reason.equals(c.path("reason").asText())) {
        return true;
      }
    }
    return false;
  }

  private static void condition(ArrayNode conds, ObjectNode template, String type, String status, String reason, String message, String now) {
    ObjectNode c = conds.addObject();
    c.put("type", type);
    c.put("status", status);
    c.put("reason", reason);
    c.put("message", message);
    String lastTransition = now;
    for (JsonNode prev : template.path("status").path("conditions")) {
      if (type.equals(prev.path("type").asText()) && status.equals(prev.path("status").asText()) && prev.hasNonNull("lastTransitionTime")) {
        lastTransition = prev.get("lastTransitionTime").asText();
      }
    }
    c.put("lastUpdateTime", now);
    c.put("lastTransitionTime", lastTransition);
  }

  private static long sum(List<JsonNode> members, String field) {
    long s = 0;
    for (JsonNode m : members) {
      s += m.path(field).asLong(0);
    }
    return s;
  }
}
