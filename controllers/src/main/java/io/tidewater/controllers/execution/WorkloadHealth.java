package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;

/**
 * The health of a member object as the federation reports it: a Deployment or StatefulSet is
 * Healthy once its controller has observed the current spec and every desired replica is updated
 * and available, Unhealthy until then. Objects without a status, and kinds whose status has no
 * notion of replicas (ConfigMaps, Services ...), are Unknown.
 */
public final class WorkloadHealth {
  private WorkloadHealth() {}

  public static final String HEALTHY = "Healthy";
  public static final String UNHEALTHY = "Unhealthy";
  public static final String UNKNOWN = "Unknown";

  public static String of(ObjectNode memberObject) {
    JsonNode status = memberObject.path("status");
    if (!status.isObject() || status.isEmpty()) {
      return UNKNOWN;
    }
    return switch (ObjectMetas.kind(memberObject)) {
      case "Deployment" -> deployment(memberObject, status);
      case "StatefulSet" -> statefulSet(memberObject, status);
      default -> UNKNOWN;
    };
  }

  private static String deployment(ObjectNode d, JsonNode status) {
    int desired = d.path("spec").path("replicas").asInt(1);
    boolean ok = observed(d, status)
        && status.path("updatedReplicas").asInt(0) >= desired
        && status.path("availableReplicas").asInt(0) >= desired;
    return ok ? HEALTHY : UNHEALTHY;
  }

  private static String statefulSet(ObjectNode s, JsonNode status) {
    int desired = s.path("spec").path("replicas").asInt(1);
    // Replicas a partitioned rolling update keeps on the old revision on purpose are not unhealthy.
    int partition = s.path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
    int available = status.has("availableReplicas") ? status.path("availableReplicas").asInt(0) : status.path("readyReplicas").asInt(0);
    boolean ok = observed(s, status)
        && status.path("updatedReplicas").asInt(0) >= Math.max(0, desired - partition)
        && available >= desired;
    return ok ? HEALTHY : UNHEALTHY;
  }

  private static boolean observed(ObjectNode obj, JsonNode status) {
    return status.path("observedGeneration").asLong(-1) >= ObjectMetas.generation(obj);
  }
}
