package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The annotations the Deployment controller keeps on its ReplicaSets, as Kubernetes' deployment util. */
final class DeploymentAnnotations {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  private static final int MAX_HISTORY_CHARS = 2000;
  /** Deployment annotations that are never copied to its ReplicaSets. */
  private static final Set<String> NOT_COPIED = Set.of(
      "kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
      "deprecated.deployment.rollback.to");

  private DeploymentAnnotations() {}

  /** {@code SetNewReplicaSetAnnotations}: copies the deployment's annotations, sets the revision; true if changed. */
  static boolean setNewReplicaSetAnnotations(ObjectNode deployment, ObjectNode rs, long newRevision, boolean exists, int replicas, int maxReplicas) {
    boolean changed = false;
    for (Map.Entry<String, String> e : ObjectMetas.annotations(deployment).entrySet()) {
      if (NOT_COPIED.contains(e.getKey())) {
        continue;
      }
      if (!e.getValue().equals(ObjectMetas.annotation(rs, e.getKey()))) {
        ObjectMetas.setAnnotation(rs, e.getKey(), e.getValue());
        changed = true;
      }
    }
    String oldRevision = ObjectMetas.annotation(rs, REVISION);
    long oldRevisionInt;
    try {
      oldRevisionInt = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
    } catch (NumberFormatException e) {
      return changed;
    }
    if (oldRevisionInt < newRevision) {
      ObjectMetas.setAnnotation(rs, REVISION, Long.toString(newRevision));
      changed = true;
      if (oldRevision != null && !oldRevision.isEmpty()) {
        // Rolled back to this ReplicaSet: keep the revisions it had, for history.
        String history = ObjectMetas.annotation(rs, REVISION_HISTORY);
        List<String> old = history == null || history.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(history.split(",")));
        old.add(oldRevision);
        while (String.join(",", old).length() > MAX_HISTORY_CHARS && old.size() > 1) {
          old.remove(0);
        }
        ObjectMetas.setAnnotation(rs, REVISION_HISTORY, String.join(",", old));
      }
    }
    if (!exists && setReplicasAnnotations(rs, replicas, maxReplicas)) {
      changed = true;
    }
    return changed;
  }

  static boolean setReplicasAnnotations(ObjectNode rs, int desired, int max) {
    boolean changed = false;
    if (!Integer.toString(desired).equals(ObjectMetas.annotation(rs, DESIRED_REPLICAS))) {
      ObjectMetas.setAnnotation(rs, DESIRED_REPLICAS, Integer.toString(desired));
      changed = true;
    }
    if (!Integer.toString(max).equals(ObjectMetas.annotation(rs, MAX_REPLICAS))) {
      ObjectMetas.setAnnotation(rs, MAX_REPLICAS, Integer.toString(max));
      changed = true;
    }
    return changed;
  }

  static boolean replicasAnnotationsNeedUpdate(ObjectNode rs, int desired, int max) {
    return !Integer.toString(desired).equals(ObjectMetas.annotation(rs, DESIRED_REPLICAS))
        || !Integer.toString(max).equals(ObjectMetas.annotation(rs, MAX_REPLICAS));
  }

  /** The desired-replicas annotation, or null. */
  static Integer desiredReplicas(JsonNode rs) {
    return intAnnotation(rs, DESIRED_REPLICAS);
  }

  static Integer maxReplicas(JsonNode rs) {
    return intAnnotation(rs, MAX_REPLICAS);
  }

  private static Integer intAnnotation(JsonNode obj, String key) {
    JsonNode v = obj.path("metadata").path("annotations").get(key);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
