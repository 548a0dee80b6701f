package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.registry.Columns;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The READY, STATUS and RESTARTS cells of {@code kubectl get pods}, computed exactly as kubectl's
 * {@code printPod}: the status "reason" walks init containers first (Init:N/M, Init:Error, ...),
 * then containers from last to first (waiting reasons such as CrashLoopBackOff win), then deletion
 * (Terminating, Unknown for lost nodes).
 *
 * @param ready containers ready (sidecars included)
 * @param total containers, plus restartable init containers
 * @param reason the STATUS cell
 * @param restarts the RESTARTS cell: "3" or "3 (2m ago)"
 */
public record PodStatusSummary(int ready, int total, String reason, String restarts) {

  /** The node controller marks pods on a lost node with this reason. */
  static final String NODE_UNREACHABLE_REASON = "NodeLost";

  public String readyCell() {
    return ready + "/" + total;
  }

  public static PodStatusSummary of(ObjectNode pod) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    int restarts = 0;
    int sidecarRestarts = 0;
    int total = Trees.size(spec, "containers");
    int ready = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;
    String phase = Trees.string(status, "phase");
    String reason = phase;
    if (!Trees.string(status, "reason").isEmpty()) {
      reason = Trees.string(status, "reason");
    }
    for (ObjectNode c : Trees.objects(status, "conditions")) {
      if (Trees.string(c, "type").equals("PodScheduled") && Trees.string(c, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    Map<String, Boolean> sidecars = new HashMap<>();
    for (ObjectNode c : Trees.objects(spec, "initContainers")) {
      boolean sidecar = "Always".equals(Trees.text(c, "restartPolicy"));
      sidecars.put(Trees.string(c, "name"), sidecar);
      if (sidecar) {
        total++;
      }
    }
    int initCount = Trees.size(spec, "initContainers");
    boolean initializing = false;
    List<ObjectNode> initStatuses = Trees.objects(status, "initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      ObjectNode cs = initStatuses.get(i);
      int count = (int) Trees.longValue(cs, "restartCount");
      restarts += count;
      Instant finished = lastTerminationFinish(cs);
      lastRestart = later(lastRestart, finished);
      boolean sidecar = sidecars.getOrDefault(Trees.string(cs, "name"), false);
      if (sidecar) {
        sidecarRestarts += count;
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      JsonNode terminated = cs.path("state").get("terminated");
      JsonNode waiting = cs.path("state").get("waiting");
      if (terminated != null && !terminated.isNull() && Trees.longValue(terminated, "exitCode") == 0) {
        continue;
      }
      if (sidecar && Trees.bool(cs, "started")) {
        if (Trees.bool(cs, "ready")) {
          ready++;
        }
        continue;
      }
      if (terminated != null && !terminated.isNull()) {
        String r = Trees.string(terminated, "reason");
        if (r.isEmpty()) {
          long signal = Trees.longValue(terminated, "signal");
          reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + Trees.longValue(terminated, "exitCode");
        } else {
          reason = "Init:" + r;
        }
      } else if (waiting != null && !waiting.isNull() && !Trees.string(waiting, "reason").isEmpty()
          && !Trees.string(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + Trees.string(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      initializing = true;
      break;
    }
    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      List<ObjectNode> statuses = Trees.objects(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        ObjectNode cs = statuses.get(i);
        restarts += (int) Trees.longValue(cs, "restartCount");
        lastRestart = later(lastRestart, lastTerminationFinish(cs));
        JsonNode waiting = cs.path("state").get("waiting");
        JsonNode terminated = cs.path("state").get("terminated");
        JsonNode running = cs.path("state").get("running");
        if (waiting != null && !waiting.isNull() && !Trees.string(waiting, "reason").isEmpty()) {
          reason = Trees.string(waiting, "reason");
        } else if (terminated != null && !terminated.isNull() && !Trees.string(terminated, "reason").isEmpty()) {
          reason = Trees.string(terminated, "reason");
        } else if (terminated != null && !terminated.isNull()) {
          long signal = Trees.longValue(terminated, "signal");
          reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + Trees.longValue(terminated, "exitCode");
        } else if (Trees.bool(cs, "ready") && running != null && !running.isNull()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    if (ObjectMetas.isDeleting(pod) && Trees.string(status, "reason").equals(NODE_UNREACHABLE_REASON)) {
      reason = "Unknown";
    } else if (ObjectMetas.isDeleting(pod) && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    String restartCell = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartCell = restarts + " (" + Columns.ageOf(lastRestart.toString()) + " ago)";
    }
    return new PodStatusSummary(ready, total, reason, restartCell);
  }

  private static Instant lastTerminationFinish(ObjectNode containerStatus) {
    JsonNode t = containerStatus.path("lastState").get("terminated");
    String at = t == null ? null : Trees.text(t, "finishedAt");
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }

  static boolean conditionTrue(JsonNode status, String type) {
    for (ObjectNode c : Trees.objects(status, "conditions")) {
      if (Trees.string(c, "type").equals(type)) {
        return Trees.string(c, "status").equals("True");
      }
    }
    return false;
  }
}
