package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tidewater.server.Kubeconfig;
import io.tidewater.server.TidewaterCli;
import io.tidewater.server.acceptance.ChildTidewater;
import io.tidewater.simulator.Fleet;
import io.tidewater.simulator.KubeconfigEntry;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, scenario 6: {@code kill -9} of Tidewater in the middle of scenario 2 (maxSurge 25%,
 * maxUnavailable 0, scaled 40 → 60 mid-rollout). Tidewater runs as {@code tidewater up} in its own
 * JVM on the embedded store; the members are a simulator fleet of their own, so they keep running
 * and the invariant checker keeps watching them while Tidewater is dead. After a restart on the same
 * data directory the rollout completes, and no invariant was breached across the kill.
 */
class KillDuringRolloutTest {
  private static final String NS = "surge";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Map<String, String> TIERS = Map.of("idc-1", "idc", "idc-2", "idc", "cloud-1", "cloud", "cloud-2", "cloud");

  private Fleet members;
  private ChildTidewater tidewater;
  private KubernetesClient client;
  private final Map<String, KubernetesClient> memberClients = new LinkedHashMap<>();

  @AfterEach
  void stop() {
    memberClients.values().forEach(KubernetesClient::close);
    if (client != null) {
      client.close();
    }
    if (tidewater != null) {
      tidewater.kill();
    }
    if (members != null) {
      members.close();
    }
  }

  @Test
  void aKillNineMidRolloutResumesAfterRestartWithNoInvariantBreached() throws Exception {
    members = Fleet.start(Fleet.Options.plain());
    PodTimings fast = PodTimings.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100));
    for (Map.Entry<String, String> m : TIERS.entrySet()) {
      members.ensure(m.getKey(), SimulatedClusterSpec.of(NodePoolSpec.of("general", m.getValue().equals("idc") ? 5 : 10, "8", "64Gi")).withPodTimings(fast));
    }
    Path dataDir = Files.createTempDirectory("tidewater-kill9-");
    startTidewater(dataDir, "first.log");
    for (Map.Entry<String, String> m : TIERS.entrySet()) {
      join(m.getKey(), m.getValue());
    }
    // Every member Ready (and its capacity known) before placing: the split is then 20/20 in idc.
    await().atMost(WAIT).until(() -> FederationFixture.readyClusters(client) == TIERS.size() && allCoresKnown());
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    // Self-built first (the default tiers), even within a tier: idc 20/20, the overflow 10/10 in cloud.
    client.resource(FederationManifests.weightedPolicy(NS, "even", FederationManifests.evenly(List.copyOf(TIERS.keySet())),
        FederationManifests.DEPLOYMENTS, false, Map.of())).create();
    client.apps().deployments().inNamespace(NS).resource(FederationManifests.surgeDeployment("web", 40)).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(Bindings.placement(client, NS, "web-deployment")).containsEntry("idc-1", 20).containsEntry("idc-2", 20);
      assertThat(deployment().getStatus().getAvailableReplicas()).isEqualTo(40);
    });
    FleetInvariantChecker checker = new FleetInvariantChecker(40, 0, 10);
    memberClients.forEach((name, m) -> checker.watch(name, m, NS, "web"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue());
    checker.arm();

    client.apps().deployments().inNamespace(NS).withName("web").edit(x -> {
      x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:2");
      return x;
    });
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      Integer updated = deployment().getStatus().getUpdatedReplicas();
      return updated != null && updated >= 10 && updated < 40;
    });
    checker.scaledTo(60, 15);
    client.apps().deployments().inNamespace(NS).withName("web").scale(60);
    Thread.sleep(1_000); // the scale-out is under way...
    int updatedAtKill = deployment().getStatus().getUpdatedReplicas();
    tidewater.kill(); // ... when Tidewater dies without a word
    client.close();
    Thread.sleep(2_000); // the members carry on alone

    startTidewater(dataDir, "second.log");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment now = deployment();
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(60);
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(60);
      assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue();
      for (KubernetesClient m : memberClients.values()) {
        assertThat(m.pods().inNamespace(NS).withLabel("app", "web").list().getItems())
            .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:2"));
      }
    });
    checker.close();
    assertThat(updatedAtKill).as("killed in the middle of the rollout").isLessThan(60);
    assertThat(checker.firstBreach()).as("across the kill: worst ready shortfall %d, most pods %d", checker.worstUnavailable(), checker.worstTotal())
        .isNull();
  }

  /** Every member's status counts all its cores (5 or 10 nodes of 8), so the scheduler sees their full room. */
  @SuppressWarnings("unchecked")
  private boolean allCoresKnown() {
    var clusters = client.genericKubernetesResources("cluster.tidewater.io/v1alpha1", "Cluster").list().getItems();
    return clusters.size() == TIERS.size() && clusters.stream().allMatch(c -> {
      Object status = c.getAdditionalProperties().get("status");
      Object summary = status instanceof Map<?, ?> st ? st.get("resourceSummary") : null;
      Object allocatable = summary instanceof Map<?, ?> rs ? rs.get("allocatable") : null;
      Object cpu = allocatable instanceof Map<?, ?> a ? a.get("cpu") : null;
      int nodes = "idc".equals(TIERS.get(c.getMetadata().getName())) ? 5 : 10;
      return cpu != null && String.valueOf(nodes * 8).equals(cpu.toString());
    });
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName("web").get();
  }

  private void startTidewater(Path dataDir, String log) throws Exception {
    tidewater = ChildTidewater.start(dataDir, "embedded", dataDir.resolve(log), "--no-default-fleet");
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(tidewater.kubeconfig()))).build();
  }

  private void join(String name, String tier) throws Exception {
    KubeconfigEntry e = members.kubeconfigEntry(name).orElseThrow();
    Path file = Files.createTempFile(name + "-", ".kubeconfig");
    new Kubeconfig().add(new Kubeconfig.Entry(name, e.server(), e.caPem(), e.token())).write(file);
    int code = TidewaterCli.commandLine().execute("cluster", "join", name, "--kubeconfig", file.toString(), "--tier", tier, "--watermark", "100",
        "--federation-kubeconfig", tidewater.kubeconfig().toString());
    assertThat(code).isZero();
    memberClients.put(name, new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(e.server()).withOauthToken(e.token()).build()).build());
  }
}
