package io.tidewater.controllers.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.scheduler.model.ClusterState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvictionTasksTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private static JsonNode tasks(String extra) {
    return Json.parse(("[{\"fromCluster\":\"idc-1\",\"replicas\":20,\"reason\":\"ClusterNotReady\",\"producer\":\"tidewater-failover\","
        + "\"creationTimestamp\":\"" + CREATED + "\"" + extra + "}]").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aClusterWithoutATaskIsNotEvicted() {
    assertThat(new EvictionTasks(tasks(""), CREATED).state("idc-2", 5, 5)).isEqualTo(new ClusterState(5, 5, false));
  }

  @Test
  void gracefulKeepsTheReportedAvailabilitySoTheCopiesWaitForTheirReplacements() {
    assertThat(new EvictionTasks(tasks(",\"purgeMode\":\"Graceful\""), CREATED).state("idc-1", 20, 20)).isEqualTo(new ClusterState(20, 20, true));
  }

  @Test
  void immediatelyCountsTheCopiesAsUnavailable() {
    assertThat(new EvictionTasks(tasks(",\"purgeMode\":\"Immediately\""), CREATED).state("idc-1", 20, 20)).isEqualTo(new ClusterState(20, 0, true));
  }

  @Test
  void neverRetainsTheCopiesUntilSuppressDeletionIsCleared() {
    assertThat(new EvictionTasks(tasks(",\"purgeMode\":\"Never\",\"suppressDeletion\":true"), CREATED).state("idc-1", 20, 20))
        .isEqualTo(new ClusterState(20, 20, true, true));
    assertThat(new EvictionTasks(tasks(",\"purgeMode\":\"Never\",\"suppressDeletion\":false"), CREATED).state("idc-1", 20, 20))
        .isEqualTo(new ClusterState(20, 20, true));
  }

  @Test
  void anExpiredGracePeriodStopsWaitingForReplacements() {
    JsonNode t = tasks(",\"gracePeriodSeconds\":60");
    assertThat(new EvictionTasks(t, CREATED.plusSeconds(59)).state("idc-1", 20, 20).available()).isEqualTo(20);
    assertThat(new EvictionTasks(t, CREATED.plusSeconds(60)).state("idc-1", 20, 20).available()).isZero();
  }
}
