package io.tidewater.controllers.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import org.junit.jupiter.api.Test;

/** When coming home waits: while any member has a change in flight. */
class RollingOutTest {

  /** A binding at template generation 3 targeting a=10 and b=5, with b's status as given. */
  private static ObjectNode binding(long observed, int replicas, int updated) {
    ObjectNode b = Json.object();
    ObjectNode spec = b.putObject("spec");
    spec.putObject("resource").put("generation", 3);
    spec.putArray("clusters").add(Json.object().put("name", "a").put("replicas", 10)).add(Json.object().put("name", "b").put("replicas", 5));
    var agg = b.putObject("status").putArray("aggregatedStatus");
    agg.addObject().put("clusterName", "a").putObject("status").put("observedGeneration", 3).put("replicas", 10).put("updatedReplicas", 10);
    agg.addObject().put("clusterName", "b").putObject("status").put("observedGeneration", observed).put("replicas", replicas).put("updatedReplicas", updated);
    return b;
  }

  @Test
  void settledMembersLetReplicasComeHome() {
    assertThat(SchedulingController.rollingOut(binding(3, 5, 5))).isFalse();
  }

  @Test
  void aMemberBehindTheTemplatesGenerationIsAChangeInFlight() {
    assertThat(SchedulingController.rollingOut(binding(2, 5, 5))).isTrue();
  }

  @Test
  void replicasNotYetUpdatedOrSurgePodsAreARolloutInProgress() {
    assertThat(SchedulingController.rollingOut(binding(3, 5, 2))).isTrue();
    assertThat(SchedulingController.rollingOut(binding(3, 7, 7))).isTrue();
  }

  @Test
  void objectsWithoutReplicasNeverHoldComingHomeBack() {
    ObjectNode b = binding(3, 5, 5);
    ((ObjectNode) b.path("status").path("aggregatedStatus").path(1).path("status")).removeAll();
    assertThat(SchedulingController.rollingOut(b)).isFalse();
  }
}
