package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.pods.Pods;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** StatefulSet pod identity and health, as Kubernetes' {@code stateful_set_utils}. */
final class StatefulSetPods {
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Pattern ORDINAL = Pattern.compile("(.*)-([0-9]+)$");

  private StatefulSetPods() {}

  /** The pod's ordinal, or -1 if its name does not end in one. */
  static int ordinal(ObjectNode pod) {
    Matcher m = ORDINAL.matcher(ObjectMetas.name(pod));
    if (!m.matches()) {
      return -1;
    }
    try {
      return Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether the pod is named as one of this set's pods. */
  static boolean isMemberOf(String setName, ObjectNode pod) {
    Matcher m = ORDINAL.matcher(ObjectMetas.name(pod));
    return m.matches() && m.group(1).equals(setName);
  }

  static String revision(ObjectNode pod) {
    String r = ObjectMetas.label(pod, REVISION_LABEL);
    return r == null ? "" : r;
  }

  static boolean isCreated(ObjectNode pod) {
    return !Pods.phase(pod).isEmpty();
  }

  static boolean isRunningAndReady(ObjectNode pod) {
    return "Running".equals(Pods.phase(pod)) && Pods.isReady(pod);
  }

  static boolean isRunningAndAvailable(ObjectNode pod, long minReadySeconds, Instant now) {
    return "Running".equals(Pods.phase(pod)) && Pods.isAvailable(pod, minReadySeconds, now);
  }

  static boolean isHealthy(ObjectNode pod) {
    return isRunningAndReady(pod) && !Pods.isTerminating(pod);
  }

  /** A new pod of the set at this ordinal, from {@code template}, at revision {@code revision}. */
  static ObjectNode newPod(ObjectNode set, JsonNode template, int ordinal, String revision) {
    String name = ObjectMetas.name(set) + "-" + ordinal;
    ObjectNode pod = PodsFromTemplate.pod(template, ObjectMetas.namespace(set), name, null,
        OwnerReferences.controllerRef(set, "apps/v1", "StatefulSet"));
    ObjectNode labels = PodsFromTemplate.labels(pod);
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(REVISION_LABEL, revision);
    ObjectNode spec = (ObjectNode) pod.get("spec");
    spec.put("hostname", name);
    String service = set.path("spec").path("serviceName").asText("");
    if (!service.isEmpty()) {
      spec.put("subdomain", service);
    }
    // Each claim template becomes a volume of the pod, as Kubernetes' updateStorage; no claims are made here.
    for (JsonNode claim : set.path("spec").path("volumeClaimTemplates")) {
      String claimName = claim.path("metadata").path("name").asText("");
      if (claimName.isEmpty() || hasVolume(spec, claimName)) {
        continue;
      }
      ArrayNode volumes = spec.has("volumes") && spec.get("volumes").isArray() ? (ArrayNode) spec.get("volumes") : spec.putArray("volumes");
      volumes.addObject().put("name", claimName).putObject("persistentVolumeClaim").put("claimName", claimName + "-" + name);
    }
    return pod;
  }

  private static boolean hasVolume(ObjectNode spec, String name) {
    for (JsonNode v : spec.path("volumes")) {
      if (name.equals(v.path("name").asText())) {
        return true;
      }
    }
    return false;
  }
}
