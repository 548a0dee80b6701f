package io.tidewater.simulator.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.testing.ClusterFixture;
import io.tidewater.simulator.testing.PodEventRecorder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {
  static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start("dep", SimulatedClusterSpec.of(NodePoolSpec.of("general", 3, "16", "64Gi")).withPodTimings(PodTimings.FAST));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static String deployment(String name, int replicas, String image, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: default}
        spec:
          replicas: %d
        %s
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: app, image: "%s", resources: {requests: {cpu: 100m, memory: 64Mi}}}
        """.formatted(name, replicas, extraSpec.isEmpty() ? "" : extraSpec.indent(2).stripTrailing(), name, name, image);
  }

  static ObjectNode awaitComplete(String name, int replicas) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ObjectNode d = cluster.get(cluster.deployments(), "default", name);
      assertThat(d.path("status").path("observedGeneration").asLong()).isEqualTo(ObjectMetas.generation(d));
      assertThat(d.path("status").path("updatedReplicas").asInt()).isEqualTo(replicas);
      assertThat(d.path("status").path("availableReplicas").asInt()).isEqualTo(replicas);
      assertThat(d.path("status").path("replicas").asInt()).isEqualTo(replicas);
    });
    return cluster.get(cluster.deployments(), "default", name);
  }

  static void setImage(String name, String image) {
    cluster.update(cluster.deployments(), "default", name,
        d -> ((ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0)).put("image", image));
  }

  static List<ObjectNode> replicaSets(String name) {
    return cluster.list(cluster.replicaSets(), "default").stream().filter(r -> name.equals(ObjectMetas.label(r, "app"))).toList();
  }

  static JsonNode condition(ObjectNode d, String type) {
    for (JsonNode c : d.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  @Test
  void becomesAvailableAndTheControllersGoQuiet() throws Exception {
    // A cluster of its own: nothing else may write while it checks that nothing writes.
    try (ClusterFixture own = ClusterFixture.start("quiet", SimulatedClusterSpec.of(NodePoolSpec.of("general", 3, "16", "64Gi"))
        .withPodTimings(PodTimings.FAST))) {
      own.create(own.deployments(), deployment("quiet", 3, "nginx:1.27", ""));
      await().atMost(Duration.ofSeconds(30)).until(() -> own.get(own.deployments(), "default", "quiet").path("status").path("availableReplicas").asInt() == 3);
      ObjectNode d = own.get(own.deployments(), "default", "quiet");
      await().atMost(Duration.ofSeconds(10)).until(() -> condition(own.get(own.deployments(), "default", "quiet"), "Progressing") != null
          && "NewReplicaSetAvailable".equals(condition(own.get(own.deployments(), "default", "quiet"), "Progressing").path("reason").asText()));
      assertThat(condition(d, "Available").path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
      assertThat(ObjectMetas.annotation(d, "deployment.kubernetes.io/revision")).isEqualTo("1");
      ObjectNode rs = own.list(own.replicaSets(), "default").get(0);
      assertThat(ObjectMetas.name(rs)).isEqualTo("quiet-" + ObjectMetas.label(rs, "pod-template-hash"));
      assertThat(Pods.controllerUid(rs)).isEqualTo(ObjectMetas.uid(d));
      assertThat(ObjectMetas.annotation(rs, "deployment.kubernetes.io/desired-replicas")).isEqualTo("3");
      Thread.sleep(500); // the last events and status writes
      long settled = own.storeRevision();
      Thread.sleep(1500);
      assertThat(own.storeRevision()).as("writes after the deployment settled").isEqualTo(settled);
    }
  }

  @Test
  void recreateRemovesEveryOldPodBeforeTheFirstNewOne() throws Exception {
    cluster.create(cluster.deployments(), deployment("recreate", 3, "app:v1", "strategy: {type: Recreate}"));
    awaitComplete("recreate", 3);
    try (PodEventRecorder recorder = new PodEventRecorder(cluster.pods(), "default", (event, pods) -> {
      boolean oldPresent = false;
      boolean newPresent = false;
      for (ObjectNode p : pods.values()) {
        if ("recreate".equals(ObjectMetas.label(p, "app"))) {
          String image = p.path("spec").path("containers").get(0).path("image").asText();
          oldPresent |= image.equals("app:v1");
          newPresent |= image.equals("app:v2");
        }
      }
      return oldPresent && newPresent ? "old and new pods exist together" : null;
    })) {
      setImage("recreate", "app:v2");
      awaitComplete("recreate", 3);
      Thread.sleep(200);
      assertThat(recorder.violations()).isEmpty();
    }
  }

  @Test
  void undoRollsBackToTheOldReplicaSetAndHistoryIsTrimmed() {
    cluster.create(cluster.deployments(), deployment("undo", 2, "app:v1", "revisionHistoryLimit: 1"));
    awaitComplete("undo", 2);
    String v1Hash = ObjectMetas.label(replicaSets("undo").get(0), "pod-template-hash");
    setImage("undo", "app:v2");
    awaitComplete("undo", 2);
    setImage("undo", "app:v3");
    awaitComplete("undo", 2);
    // revisionHistoryLimit 1: the v1 ReplicaSet, scaled to zero and oldest, is gone.
    await().atMost(Duration.ofSeconds(10)).until(() -> replicaSets("undo").size() == 2);
    assertThat(replicaSets("undo")).noneSatisfy(r -> assertThat(ObjectMetas.label(r, "pod-template-hash")).isEqualTo(v1Hash));

    // What kubectl rollout undo does: the previous ReplicaSet's template goes back into the deployment.
    ObjectNode v2 = replicaSets("undo").stream()
        .filter(r -> r.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText().equals("app:v2")).findFirst().orElseThrow();
    setImage("undo", "app:v2");
    ObjectNode d = awaitComplete("undo", 2);
    assertThat(ObjectMetas.annotation(d, "deployment.kubernetes.io/revision")).isEqualTo("4");
    ObjectNode back = cluster.get(cluster.replicaSets(), "default", ObjectMetas.name(v2));
    assertThat(back.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(ObjectMetas.annotation(back, "deployment.kubernetes.io/revision")).isEqualTo("4");
    assertThat(ObjectMetas.annotation(back, "deployment.kubernetes.io/revision-history")).isEqualTo("2");
  }

  @Test
  void pausedDeploymentScalesButDoesNotRoll() throws Exception {
    cluster.create(cluster.deployments(), deployment("paused", 2, "app:v1", ""));
    awaitComplete("paused", 2);
    cluster.update(cluster.deployments(), "default", "paused", d -> ((ObjectNode) d.get("spec")).put("paused", true));
    setImage("paused", "app:v2");
    cluster.update(cluster.deployments(), "default", "paused", d -> ((ObjectNode) d.get("spec")).put("replicas", 4));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      ObjectNode d = cluster.get(cluster.deployments(), "default", "paused");
      assertThat(d.path("status").path("observedGeneration").asLong()).isEqualTo(ObjectMetas.generation(d));
      assertThat(d.path("status").path("availableReplicas").asInt()).isEqualTo(4);
      assertThat(condition(d, "Progressing").path("reason").asText()).isEqualTo("DeploymentPaused");
    });
    assertThat(replicaSets("paused")).hasSize(1);
    cluster.update(cluster.deployments(), "default", "paused", d -> ((ObjectNode) d.get("spec")).put("paused", false));
    awaitComplete("paused", 4);
    assertThat(replicaSets("paused")).hasSize(2);
  }

  @Test
  void aFailingImageCrashLoopsAndItsRolloutNeverCompletes() throws Exception {
    cluster.create(cluster.deployments(), deployment("broken", 3, "app:v1",
        "progressDeadlineSeconds: 2\nstrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}"));
    awaitComplete("broken", 3);
    setImage("broken", "registry.example/app:v2-crashloop");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      List<ObjectNode> bad = cluster.list(cluster.pods(), "default").stream()
          .filter(p -> p.path("spec").path("containers").get(0).path("image").asText().contains("crashloop")).toList();
      assertThat(bad).hasSize(1); // maxSurge 1, maxUnavailable 0: one new pod, and it never becomes ready
      JsonNode status = bad.get(0).path("status").path("containerStatuses").get(0);
      assertThat(status.path("state").path("waiting").path("reason").asText()).isEqualTo("CrashLoopBackOff");
      assertThat(status.path("restartCount").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(Pods.isReady(bad.get(0))).isFalse();
      ObjectNode d = cluster.get(cluster.deployments(), "default", "broken");
      assertThat(d.path("status").path("availableReplicas").asInt()).isEqualTo(3);
      assertThat(condition(d, "Progressing").path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
    });
  }
}
