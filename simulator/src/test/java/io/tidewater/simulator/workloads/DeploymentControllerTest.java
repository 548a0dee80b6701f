package io.tidewater.simulator.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.testing.ClusterFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {
  static final String WEB = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - {name: web, image: "nginx:1.27", resources: {requests: {cpu: 500m, memory: 256Mi}}}
      """;

  @Test
  void deploymentBecomesAvailableAndControllersGoQuiet() throws Exception {
    try (ClusterFixture f = ClusterFixture.start("t1", SimulatedClusterSpec.of(NodePoolSpec.of("general", 3, "8", "32Gi")).withPodTimings(PodTimings.FAST))) {
      f.create(f.deployments(), WEB);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        ObjectNode d = f.get(f.deployments(), "default", "web");
        assertThat(d.path("status").path("availableReplicas").asInt()).isEqualTo(3);
        assertThat(d.path("status").path("updatedReplicas").asInt()).isEqualTo(3);
      });
      long settled = f.storeRevision();
      Thread.sleep(1500);
      System.err.println("revision after settle " + settled + " -> " + f.storeRevision());
      System.err.println(f.get(f.deployments(), "default", "web").toPrettyString());
      assertThat(f.storeRevision()).isLessThanOrEqualTo(settled + 2);
    }
  }
}
