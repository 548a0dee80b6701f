package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.pods.Pods;
import java.time.Instant;

/** The fields of a ReplicaSet the Deployment controller reasons about. */
record ReplicaSetView(ObjectNode object) {
  String name() {
    return ObjectMetas.name(object);
  }

  String namespace() {
    return ObjectMetas.namespace(object);
  }

  String uid() {
    return ObjectMetas.uid(object);
  }

  int specReplicas() {
    return (int) object.path("spec").path("replicas").asLong(1);
  }

  int statusReplicas() {
    return object.path("status").path("replicas").asInt(0);
  }

  int readyReplicas() {
    return object.path("status").path("readyReplicas").asInt(0);
  }

  int availableReplicas() {
    return object.path("status").path("availableReplicas").asInt(0);
  }

  /**
   * Available replicas that will stay: never more than spec.replicas. Right after a scale-down the
   * status still counts pods about to go; Kubernetes may then scale down twice for one pod and
   * briefly exceed maxUnavailable. Counting at most what the spec keeps closes that window.
   */
  int keptAvailableReplicas() {
    return Math.min(availableReplicas(), specReplicas());
  }

  /**
   * Pods the ReplicaSet has or will have: the larger of its spec and the active pods its status
   * counts. Right after a scale-down the old pods still run until their controller deletes them;
   * counting them keeps maxSurge true of live pods, not only of specs.
   */
  int podsHeldOrComing() {
    return Math.max(specReplicas(), statusReplicas());
  }

  long generation() {
    return ObjectMetas.generation(object);
  }

  long observedGeneration() {
    return object.path("status").path("observedGeneration").asLong(0);
  }

  boolean isDeleting() {
    return ObjectMetas.isDeleting(object);
  }

  Instant created() {
    return Pods.created(object);
  }

  /** The {@code deployment.kubernetes.io/revision} annotation, 0 when absent or bad. */
  long revision() {
    String r = ObjectMetas.annotation(object, DeploymentAnnotations.REVISION);
    if (r == null) {
      return 0;
    }
    try {
      return Long.parseLong(r);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Oldest first, by name when created in the same second (Kubernetes' ReplicaSetsByCreationTimestamp). */
  static int byCreation(ReplicaSetView a, ReplicaSetView b) {
    int c = a.created().compareTo(b.created());
    return c != 0 ? c : a.name().compareTo(b.name());
  }
}
