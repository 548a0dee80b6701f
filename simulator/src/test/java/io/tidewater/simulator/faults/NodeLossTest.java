package io.tidewater.simulator.faults;

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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Nodes lost: they turn NotReady (Unknown) and tainted unreachable; their pods are marked not
 * ready, then evicted after the eviction delay and replaced by their ReplicaSet on the nodes left;
 * once the nodes return, the evicted pods finish terminating.
 */
class NodeLossTest {
  @Test
  void lostNodesPodsAreEvictedAndReplacedElsewhere() throws Exception {
    SimulatedClusterSpec spec = SimulatedClusterSpec.of(NodePoolSpec.of("a", 2, "8", "32Gi"), NodePoolSpec.of("b", 2, "8", "32Gi"))
        .withPodTimings(PodTimings.FAST)
        .withEvictionDelay(Duration.ofSeconds(1));
    try (ClusterFixture f = ClusterFixture.start("loss", spec)) {
      f.create(f.deployments(), """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: app, namespace: default}
          spec:
            replicas: 4
            selector: {matchLabels: {app: app}}
            template:
              metadata: {labels: {app: app}}
              spec:
                containers: [{name: app, image: "nginx:1.27", resources: {requests: {cpu: '1'}}}]
          """);
      await().atMost(Duration.ofSeconds(20)).until(() -> f.get(f.deployments(), "default", "app").path("status").path("availableReplicas").asInt() == 4);
      Set<String> onA = podsOn(f, "loss-a-").stream().map(ObjectMetas::name).collect(Collectors.toSet());
      assertThat(onA).isNotEmpty(); // least-allocated spreads over all four nodes

      List<String> lost = f.cluster().faults().loseNodes("a");

      assertThat(lost).containsExactlyInAnyOrder("loss-a-0", "loss-a-1");
      ObjectNode node = f.cluster().nodes().get("loss-a-0").render();
      assertThat(condition(node, "Ready").path("status").asText()).isEqualTo("Unknown");
      assertThat(node.path("spec").path("taints").findValuesAsText("key")).contains("node.kubernetes.io/unreachable");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        List<ObjectNode> pods = f.list(f.pods(), "default");
        for (ObjectNode p : pods) {
          if (onA.contains(ObjectMetas.name(p))) {
            assertThat(Pods.isTerminating(p)).as(ObjectMetas.name(p) + " evicted").isTrue();
            assertThat(Pods.isReady(p)).isFalse();
          }
        }
        List<ObjectNode> live = pods.stream().filter(Pods::isActive).toList();
        assertThat(live).hasSize(4).allSatisfy(p -> {
          assertThat(Pods.nodeName(p)).startsWith("loss-b-");
          assertThat(Pods.isReady(p)).isTrue();
        });
      });
      // The Deployment's status follows its pods a moment later, as in Kubernetes.
      await().atMost(Duration.ofSeconds(20))
          .until(() -> f.get(f.deployments(), "default", "app").path("status").path("availableReplicas").asInt() == 4);

      f.cluster().faults().recoverNodes("a");

      assertThat(condition(f.cluster().nodes().get("loss-a-0").render(), "Ready").path("status").asText()).isEqualTo("True");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(podsOn(f, "loss-a-")).isEmpty());
      assertThat(f.cluster().faults().state().isHealthy()).isTrue();
    }
  }

  private static List<ObjectNode> podsOn(ClusterFixture f, String nodePrefix) {
    return f.list(f.pods(), "default").stream().filter(p -> Pods.nodeName(p).startsWith(nodePrefix)).toList();
  }

  private static JsonNode condition(ObjectNode node, String type) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    throw new AssertionError("no condition " + type);
  }
}
