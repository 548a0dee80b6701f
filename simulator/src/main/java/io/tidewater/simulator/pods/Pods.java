package io.tidewater.simulator.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.builtin.support.Trees;
import java.time.Instant;

/** Facts about a pod, with Kubernetes' definitions (active, ready, available, terminating). */
public final class Pods {
  public static final String DEFAULT_SCHEDULER = "default-scheduler";

  private Pods() {}

  public static String phase(JsonNode pod) {
    return Trees.string(pod.path("status"), "phase");
  }

  public static String nodeName(JsonNode pod) {
    return Trees.string(pod.path("spec"), "nodeName");
  }

  public static boolean isBound(JsonNode pod) {
    return !nodeName(pod).isEmpty();
  }

  public static boolean isTerminating(ObjectNode pod) {
    return ObjectMetas.isDeleting(pod);
  }

  /** Succeeded or Failed: the pod's containers will not run again. */
  public static boolean isTerminal(JsonNode pod) {
    String p = phase(pod);
    return p.equals("Succeeded") || p.equals("Failed");
  }

  /** Kubernetes' {@code IsPodActive}: neither finished nor being deleted. */
  public static boolean isActive(ObjectNode pod) {
    return !isTerminal(pod) && !isTerminating(pod);
  }

  public static boolean isReady(JsonNode pod) {
    return PodConditions.isTrue(pod, PodConditions.READY);
  }

  /** Ready for at least {@code minReadySeconds}, as Kubernetes' {@code IsPodAvailable}. */
  public static boolean isAvailable(ObjectNode pod, long minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    Instant since = PodConditions.lastTransition(pod, PodConditions.READY);
    return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
  }

  /** When a ready pod becomes available, or null if it is not ready. */
  public static Instant availableAt(ObjectNode pod, long minReadySeconds) {
    if (!isReady(pod)) {
      return null;
    }
    Instant since = PodConditions.lastTransition(pod, PodConditions.READY);
    return since == null ? Instant.EPOCH : since.plusSeconds(Math.max(0, minReadySeconds));
  }

  /** The uid of the pod's controller (the ownerReference with controller: true), or null. */
  public static String controllerUid(ObjectNode obj) {
    ObjectNode ref = controllerRef(obj);
    return ref == null ? null : Trees.string(ref, "uid");
  }

  public static ObjectNode controllerRef(ObjectNode obj) {
    for (ObjectNode ref : ObjectMetas.ownerReferences(obj)) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  public static Instant created(ObjectNode obj) {
    String t = ObjectMetas.creationTimestamp(obj);
    return t == null || t.isEmpty() ? Instant.EPOCH : ObjectMetas.parseTimestamp(t);
  }

  public static int restartCount(JsonNode pod) {
    int n = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      n += s.path("restartCount").asInt(0);
    }
    return n;
  }

  /** The pod's key in its resource's cache: {@code namespace/name}. */
  public static String key(ObjectNode pod) {
    return ObjectMetas.namespace(pod) + "/" + ObjectMetas.name(pod);
  }
}
