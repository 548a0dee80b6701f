package io.tidewater.controllers.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.scheduler.model.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * How a binding's graceful eviction tasks shape the scheduler's view of a failed-over cluster:
 *
 * <ul>
 *   <li>Graceful (default): the copies drain once their replacements are available, or once
 *       {@code gracePeriodSeconds} have passed since the task was created;
 *   <li>Immediately: the copies count as unavailable, so they are removed at once;
 *   <li>Never ({@code suppressDeletion: true}): the copies are kept and left out of the desired
 *       total until a person sets {@code suppressDeletion} to false.
 * </ul>
 */
final class EvictionTasks {
  private final Map<String, JsonNode> byCluster = new HashMap<>();
  private final Instant now;

  EvictionTasks(JsonNode tasks, Instant now) {
    this.now = now;
    for (JsonNode t : tasks) {
      byCluster.put(t.path("fromCluster").asText(), t);
    }
  }

  /** The scheduler's view of a cluster holding {@code replicas}, {@code available} of them available. */
  ClusterState state(String cluster, int replicas, int available) {
    JsonNode task = byCluster.get(cluster);
    if (task == null) {
      return new ClusterState(replicas, available, false);
    }
    if (task.path("suppressDeletion").asBoolean(false)) {
      return new ClusterState(replicas, available, true, true);
    }
    if ("Immediately".equals(task.path("purgeMode").asText()) || graceExpired(task)) {
      return new ClusterState(replicas, 0, true);
    }
    return new ClusterState(replicas, available, true);
  }

  private boolean graceExpired(JsonNode task) {
    if (!task.hasNonNull("gracePeriodSeconds")) {
      return false;
    }
    try {
      Instant created = Instant.parse(task.path("creationTimestamp").asText());
      return !now.isBefore(created.plus(Duration.ofSeconds(task.path("gracePeriodSeconds").asLong())));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
