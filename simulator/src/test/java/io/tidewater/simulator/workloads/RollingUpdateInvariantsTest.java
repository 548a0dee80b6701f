package io.tidewater.simulator.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.testing.ClusterFixture;
import io.tidewater.simulator.testing.PodEventRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Deployment's rolling update never has more live pods than replicas + maxSurge nor fewer
 * available pods than replicas - maxUnavailable, checked at every pod event, as Kubernetes counts
 * them: live pods are neither terminating nor finished; available pods are live and Ready for
 * minReadySeconds.
 */
class RollingUpdateInvariantsTest {
  static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start("roll", SimulatedClusterSpec.of(NodePoolSpec.of("general", 4, "16", "64Gi")).withPodTimings(PodTimings.FAST));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @ParameterizedTest(name = "replicas={1} maxSurge={2} maxUnavailable={3} minReadySeconds={6}")
  @CsvSource({
    // name, replicas, maxSurge, maxUnavailable, resolved surge, resolved unavailable, minReadySeconds
    "a, 4, 25%, 25%, 1, 1, 0",
    "b, 5, 2, 0, 2, 0, 0",
    "c, 5, 0, 2, 0, 2, 0",
    "d, 6, 50%, 1, 3, 1, 0",
    "e, 3, 0, 10%, 0, 1, 0",
    "f, 4, 1, 0, 1, 0, 1",
  })
  void rollingUpdateStaysWithinBudget(String name, int replicas, String surge, String unavailable, int maxSurge, int maxUnavailable, int minReady)
      throws Exception {
    String deployment = "roll-" + name;
    cluster.create(cluster.deployments(), """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: default}
        spec:
          replicas: %d
          minReadySeconds: %d
          selector: {matchLabels: {app: %s}}
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: %s, maxUnavailable: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - {name: app, image: "registry.example/app:v1", resources: {requests: {cpu: 100m, memory: 64Mi}}}
        """.formatted(deployment, replicas, minReady, deployment, quoted(surge), quoted(unavailable), deployment));
    awaitComplete(deployment, replicas, "v1");

    Set<String> newPodsSeen = new HashSet<>();
    try (PodEventRecorder recorder = new PodEventRecorder(cluster.pods(), "default", (event, pods) -> {
      int live = 0;
      int available = 0;
      Instant now = Instant.now();
      for (ObjectNode p : pods.values()) {
        if (!deployment.equals(ObjectMetas.label(p, "app")) || !Pods.isActive(p)) {
          continue;
        }
        live++;
        if (Pods.isAvailable(p, minReady, now)) {
          available++;
        }
        if (image(p).endsWith(":v2")) {
          newPodsSeen.add(ObjectMetas.name(p));
        }
      }
      if (live > replicas + maxSurge) {
        return "live pods " + live + " > replicas " + replicas + " + maxSurge " + maxSurge;
      }
      if (replicas - available > maxUnavailable) {
        return "unavailable " + (replicas - available) + " > maxUnavailable " + maxUnavailable;
      }
      return null;
    })) {
      cluster.update(cluster.deployments(), "default", deployment,
          d -> ((ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0)).put("image", "registry.example/app:v2"));
      awaitComplete(deployment, replicas, "v2");
      await().atMost(Duration.ofSeconds(10)).until(() -> oldPodsGone(deployment));
      Thread.sleep(200); // let the last events arrive
      assertThat(recorder.violations()).isEmpty();
      assertThat(newPodsSeen).hasSizeGreaterThanOrEqualTo(replicas);
      assertThat(recorder.events()).isGreaterThan(replicas * 3);
    }
  }

  private static String quoted(String v) {
    return v.endsWith("%") ? "\"" + v + "\"" : v;
  }

  private static String image(ObjectNode pod) {
    return pod.path("spec").path("containers").get(0).path("image").asText();
  }

  private static boolean oldPodsGone(String deployment) {
    for (ObjectNode p : cluster.list(cluster.pods(), "default")) {
      if (deployment.equals(ObjectMetas.label(p, "app")) && !image(p).endsWith(":v2")) {
        return false;
      }
    }
    return true;
  }

  static void awaitComplete(String deployment, int replicas, String version) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ObjectNode d = cluster.get(cluster.deployments(), "default", deployment);
      JsonStatus s = new JsonStatus(d);
      assertThat(s.observed()).isEqualTo(ObjectMetas.generation(d));
      assertThat(s.updated()).isEqualTo(replicas);
      assertThat(s.available()).isEqualTo(replicas);
      assertThat(s.total()).isEqualTo(replicas);
      assertThat(cluster.list(cluster.pods(), "default").stream()
          .filter(p -> deployment.equals(ObjectMetas.label(p, "app")) && Pods.isActive(p))
          .map(RollingUpdateInvariantsTest::image)).containsOnly("registry.example/app:" + version);
    });
  }

  record JsonStatus(ObjectNode d) {
    long observed() {
      return d.path("status").path("observedGeneration").asLong();
    }

    int updated() {
      return d.path("status").path("updatedReplicas").asInt();
    }

    int available() {
      return d.path("status").path("availableReplicas").asInt();
    }

    int total() {
      return d.path("status").path("replicas").asInt();
    }
  }
}
