package io.tidewater.simulator.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.testing.ClusterFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Load set per workload shows in metrics.k8s.io: per pod, or a total split over the ready pods. */
class UsageModelTest {
  @Test
  void loadDrivesPodAndNodeMetrics() throws Exception {
    try (ClusterFixture f = ClusterFixture.start("use", SimulatedClusterSpec.of(NodePoolSpec.of("general", 1, "16", "64Gi")).withPodTimings(PodTimings.FAST))) {
      f.create(f.deployments(), """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: api, namespace: default}
          spec:
            replicas: 4
            selector: {matchLabels: {app: api}}
            template:
              metadata: {labels: {app: api}}
              spec:
                containers:
                - {name: main, image: "api:1", resources: {requests: {cpu: 300m, memory: 200Mi}}}
                - {name: sidecar, image: "proxy:1", resources: {requests: {cpu: 100m, memory: 56Mi}}}
          """);
      await().atMost(Duration.ofSeconds(20)).until(() -> f.get(f.deployments(), "default", "api").path("status").path("availableReplicas").asInt() == 4);
      ResourceStorage podMetrics = f.cluster().api().storage(MetricsKinds.PODS);
      ResourceStorage nodeMetrics = f.cluster().api().storage(MetricsKinds.NODES);

      // Idle: a tenth of the CPU request, half the memory request.
      List<ObjectNode> idle = podMetrics.list("default", ListOptions.everything()).items().stream().map(CachedObject::object).toList();
      assertThat(idle).hasSize(4).allSatisfy(m -> assertThat(cpuMillis(m)).isEqualTo(40));

      f.cluster().setTotalLoad("default", "api", 2.0);
      List<ObjectNode> loaded = podMetrics.list("default", ListOptions.everything()).items().stream().map(CachedObject::object).toList();
      assertThat(loaded).hasSize(4).allSatisfy(m -> {
        assertThat(cpuMillis(m)).isEqualTo(500);
        // Split over containers by CPU request: 3:1.
        assertThat(m.path("containers").get(0).path("usage").path("cpu").asText()).isEqualTo("375m");
        assertThat(m.path("containers").get(1).path("usage").path("cpu").asText()).isEqualTo("125m");
        assertThat(m.path("window").asText()).isNotEmpty();
      });
      String pod = loaded.get(0).path("metadata").path("name").asText();
      assertThat(cpuMillis(podMetrics.get("default", pod, GetOptions.LATEST).object())).isEqualTo(500);

      f.cluster().setLoad("default", "api", 1.5);
      ObjectNode node = nodeMetrics.get(null, "use-general-0", GetOptions.LATEST).object();
      // Four pods at 1.5 cores, plus the node's own 100m.
      assertThat(node.path("usage").path("cpu").asText()).isEqualTo("6100m");
    }
  }

  private static long cpuMillis(ObjectNode podMetrics) {
    long sum = 0;
    for (var c : podMetrics.path("containers")) {
      String cpu = c.path("usage").path("cpu").asText();
      sum += Long.parseLong(cpu.substring(0, cpu.length() - 1));
    }
    return sum;
  }
}
