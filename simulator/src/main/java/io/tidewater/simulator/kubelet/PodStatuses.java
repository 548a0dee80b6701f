package io.tidewater.simulator.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.pods.PodConditions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The statuses a kubelet writes as a pod starts: accepted on its node (containers being created),
 * running (containers started, not yet ready), ready; or, for a container whose image fails,
 * crash-looping with a growing restart count. Each method changes a pod's status in place.
 */
final class PodStatuses {
  private PodStatuses() {}

  /** The node accepted the pod: it is Pending while its containers are created. */
  static void accepted(ObjectNode pod, String hostIp, Instant now) {
    ObjectNode status = status(pod);
    status.put("phase", "Pending");
    status.put("hostIP", hostIp);
    status.putArray("hostIPs").addObject().put("ip", hostIp);
    status.put("startTime", ObjectMetas.timestamp(now));
    status.put("qosClass", QosClass.of(pod));
    List<String> names = containerNames(pod, "containers");
    PodConditions.set(status, PodConditions.READY_TO_START_CONTAINERS, "False", null, null, now);
    boolean hasInit = !containerNames(pod, "initContainers").isEmpty();
    PodConditions.set(status, PodConditions.INITIALIZED, hasInit ? "False" : "True",
        hasInit ? "ContainersNotInitialized" : null, hasInit ? "containers with incomplete status: " + containerNames(pod, "initContainers") : null, now);
    notReady(status, names, now);
    PodConditions.set(status, PodConditions.POD_SCHEDULED, "True", null, null, now);
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      ObjectNode s = containerBase(statuses.addObject(), c, false);
      s.putObject("state").putObject("waiting").put("reason", "ContainerCreating");
    }
    if (hasInit) {
      ArrayNode init = status.putArray("initContainerStatuses");
      for (JsonNode c : pod.path("spec").path("initContainers")) {
        ObjectNode s = containerBase(init.addObject(), c, false);
        s.putObject("state").putObject("waiting").put("reason", "PodInitializing");
      }
    }
  }

  /**
   * The containers started: the pod Runs but is not Ready yet. Containers whose image fails are
   * crash-looping from the start.
   */
  static void running(ObjectNode pod, String podIp, Instant now, Predicate<String> failingImage) {
    ObjectNode status = status(pod);
    String uid = ObjectMetas.uid(pod);
    status.put("phase", "Running");
    status.put("podIP", podIp);
    status.putArray("podIPs").addObject().put("ip", podIp);
    PodConditions.set(status, PodConditions.READY_TO_START_CONTAINERS, "True", null, null, now);
    PodConditions.set(status, PodConditions.INITIALIZED, "True", null, null, now);
    notReady(status, containerNames(pod, "containers"), now);
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      ObjectNode s = containerBase(statuses.addObject(), c, false);
      if (failingImage.test(c.path("image").asText(""))) {
        crashed(s, uid, now, 1);
      } else {
        started(s, uid, now);
      }
    }
    if (pod.path("spec").path("initContainers").size() > 0) {
      ArrayNode init = status.putArray("initContainerStatuses");
      for (JsonNode c : pod.path("spec").path("initContainers")) {
        boolean sidecar = "Always".equals(c.path("restartPolicy").asText());
        ObjectNode s = containerBase(init.addObject(), c, sidecar);
        s.put("containerID", containerId(uid, c.path("name").asText(), 0));
        s.put("imageID", imageId(c.path("image").asText("")));
        s.put("started", sidecar);
        if (sidecar) {
          s.putObject("state").putObject("running").put("startedAt", ObjectMetas.timestamp(now));
        } else {
          ObjectNode t = s.putObject("state").putObject("terminated");
          t.put("exitCode", 0);
          t.put("reason", "Completed");
          t.put("startedAt", ObjectMetas.timestamp(now));
          t.put("finishedAt", ObjectMetas.timestamp(now));
          t.put("containerID", containerId(uid, c.path("name").asText(), 0));
        }
      }
    }
  }

  /** Every container is ready: so is the pod. */
  static void ready(ObjectNode pod, Instant now) {
    ObjectNode status = status(pod);
    for (JsonNode s : status.path("containerStatuses")) {
      ((ObjectNode) s).put("ready", true);
    }
    PodConditions.set(status, PodConditions.CONTAINERS_READY, "True", null, null, now);
    PodConditions.set(status, PodConditions.READY, "True", null, null, now);
  }

  /** A failing container crashed again: one more restart, and back-off. */
  static void crashedAgain(ObjectNode pod, Instant now, Predicate<String> failingImage) {
    ObjectNode status = status(pod);
    String uid = ObjectMetas.uid(pod);
    for (JsonNode s : status.path("containerStatuses")) {
      if (failingImage.test(s.path("image").asText(""))) {
        crashed((ObjectNode) s, uid, now, s.path("restartCount").asInt(0) + 1);
      }
    }
  }

  /** Whether any container is waiting in CrashLoopBackOff. */
  static boolean isCrashLooping(JsonNode pod) {
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      if ("CrashLoopBackOff".equals(s.path("state").path("waiting").path("reason").asText())) {
        return true;
      }
    }
    return false;
  }

  static int maxRestarts(JsonNode pod) {
    int n = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      n = Math.max(n, s.path("restartCount").asInt(0));
    }
    return n;
  }

  /** The node lifecycle controller's mark on pods of an unreachable node: not ready any more. */
  static void nodeLost(ObjectNode pod, Instant now) {
    ObjectNode status = status(pod);
    PodConditions.set(status, PodConditions.READY, "False", null, null, now);
    for (JsonNode s : status.path("containerStatuses")) {
      ((ObjectNode) s).put("ready", false);
    }
  }

  private static void notReady(ObjectNode status, List<String> containers, Instant now) {
    String message = "containers with unready status: [" + String.join(" ", containers) + "]";
    PodConditions.set(status, PodConditions.READY, "False", "ContainersNotReady", message, now);
    PodConditions.set(status, PodConditions.CONTAINERS_READY, "False", "ContainersNotReady", message, now);
  }

  private static void started(ObjectNode s, String uid, Instant now) {
    s.put("containerID", containerId(uid, s.path("name").asText(), 0));
    s.put("started", true);
    s.putObject("state").putObject("running").put("startedAt", ObjectMetas.timestamp(now));
  }

  private static void crashed(ObjectNode s, String uid, Instant now, int restarts) {
    s.put("restartCount", restarts);
    s.put("started", false);
    s.put("ready", false);
    s.put("containerID", containerId(uid, s.path("name").asText(), restarts));
    ObjectNode waiting = s.putObject("state").putObject("waiting");
    waiting.put("reason", "CrashLoopBackOff");
    waiting.put("message", "back-off restarting failed container " + s.path("name").asText() + " in pod");
    ObjectNode last = s.putObject("lastState").putObject("terminated");
    last.put("exitCode", 1);
    last.put("reason", "Error");
    last.put("startedAt", ObjectMetas.timestamp(now));
    last.put("finishedAt", ObjectMetas.timestamp(now));
    last.put("containerID", containerId(uid, s.path("name").asText(), restarts - 1));
  }

  private static ObjectNode containerBase(ObjectNode s, JsonNode container, boolean ready) {
    s.put("name", container.path("name").asText(""));
    s.put("image", container.path("image").asText(""));
    s.put("imageID", imageId(container.path("image").asText("")));
    s.put("ready", ready);
    s.put("restartCount", 0);
    s.put("started", false);
    return s;
  }

  private static ObjectNode status(ObjectNode pod) {
    JsonNode s = pod.get("status");
    return s instanceof ObjectNode o ? o : pod.putObject("status");
  }

  private static List<String> containerNames(JsonNode pod, String list) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : pod.path("spec").path(list)) {
      out.add(c.path("name").asText(""));
    }
    return out;
  }

  static String containerId(String podUid, String container, int restart) {
    return "containerd://" + sha256(podUid + "/" + container + "/" + restart);
  }

  private static String imageId(String image) {
    String repo = image.contains("@") ? image.substring(0, image.indexOf('@')) : image.replaceFirst(":[^:/]+$", "");
    if (!repo.contains("/")) {
      repo = "docker.io/library/" + repo;
    }
    return repo + "@sha256:" + sha256(image);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
