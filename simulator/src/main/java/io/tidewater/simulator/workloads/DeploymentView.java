package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;

/** The fields of a Deployment its controller reasons about, with Kubernetes' defaults and fencepost rules. */
record DeploymentView(ObjectNode object) {
  static final String ROLLING_UPDATE = "RollingUpdate";
  static final String RECREATE = "Recreate";

  String name() {
    return ObjectMetas.name(object);
  }

  String namespace() {
    return ObjectMetas.namespace(object);
  }

  String uid() {
    return ObjectMetas.uid(object);
  }

  int replicas() {
    return (int) object.path("spec").path("replicas").asLong(1);
  }

  String strategyType() {
    return object.path("spec").path("strategy").path("type").asText(ROLLING_UPDATE);
  }

  boolean isRollingUpdate() {
    return ROLLING_UPDATE.equals(strategyType());
  }

  boolean paused() {
    return object.path("spec").path("paused").asBoolean(false);
  }

  long minReadySeconds() {
    return object.path("spec").path("minReadySeconds").asLong(0);
  }

  int revisionHistoryLimit() {
    return object.path("spec").path("revisionHistoryLimit").asInt(10);
  }

  /** Null when the deployment has no progress deadline. */
  Long progressDeadlineSeconds() {
    JsonNode p = object.path("spec").get("progressDeadlineSeconds");
    return p == null || p.isNull() ? null : p.asLong();
  }

  JsonNode template() {
    return object.path("spec").path("template");
  }

  long generation() {
    return ObjectMetas.generation(object);
  }

  Long collisionCount() {
    JsonNode c = object.path("status").get("collisionCount");
    return c == null || c.isNull() ? null : c.asLong();
  }

  /** {@code ResolveFenceposts}: surge rounds up, unavailable down; if both are 0, unavailable is 1. */
  int[] fenceposts() {
    JsonNode rolling = object.path("spec").path("strategy").path("rollingUpdate");
    int surge = IntOrPercent.scaled(rolling.get("maxSurge"), replicas(), true, 0);
    int unavailable = IntOrPercent.scaled(rolling.get("maxUnavailable"), replicas(), false, 0);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  int maxSurge() {
    return isRollingUpdate() ? fenceposts()[0] : 0;
  }

  int maxUnavailable() {
    if (!isRollingUpdate() || replicas() == 0) {
      return 0;
    }
    return Math.min(fenceposts()[1], replicas());
  }
}
