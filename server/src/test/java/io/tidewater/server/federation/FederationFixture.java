package io.tidewater.server.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tidewater.controllers.descheduler.Descheduler;
import io.tidewater.controllers.execution.ExecutionOptions;
import io.tidewater.controllers.scheduling.SchedulingController;
import io.tidewater.member.health.HealthProbeOptions;
import io.tidewater.server.ControlPlane;
import io.tidewater.server.StoreSpec;
import io.tidewater.server.fleet.FederationControllers;
import io.tidewater.simulator.SimulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole Tidewater in this JVM, as {@code tidewater up} runs it, with the acceptance fleet of
 * issue 4: two idc members with room for 20 replicas of a 2-core pod each, and two cloud members.
 * Everything is reached the way users reach it: fabric8 on the kubeconfig {@code up} writes.
 */
final class FederationFixture implements AutoCloseable {
  static final List<String> IDC = List.of("idc-1", "idc-2");
  static final List<String> CLOUD = List.of("cloud-1", "cloud-2");

  final ControlPlane controlPlane;
  final KubernetesClient client;

  private FederationFixture(ControlPlane controlPlane, KubernetesClient client) {
    this.controlPlane = controlPlane;
    this.client = client;
  }

  static FederationFixture start() throws Exception {
    return start(ExecutionOptions.defaults().orphanSweepPeriod());
  }

  /** A federation whose execution controller searches members for orphaned objects every {@code orphanSweepPeriod}. */
  static FederationFixture start(Duration orphanSweepPeriod) throws Exception {
    Path dir = Files.createTempDirectory("tidewater-federation-");
    FederationControllers.Options controllers = FederationControllers.Options.defaults()
        .withConnector(FederationControllers.Options.defaults().connector().withHealth(new HealthProbeOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 2)))
        .withExecution(ExecutionOptions.defaults().withRetryPeriod(Duration.ofSeconds(1)).withOrphanSweepPeriod(orphanSweepPeriod))
        // Come-home steps of 25% every 2 s (the default waits 10 s between steps).
        .withScheduling(new SchedulingController.Options(25, 5, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        // Pods stuck Unschedulable for 3 s are moved; scanned every second.
        .withDescheduling(new Descheduler.Options(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(30)));
    ControlPlane cp = ControlPlane.start(
        new ControlPlane.Options(dir, StoreSpec.parse("memory"), "127.0.0.1", 0, false, List.of(), true, false, 0).withControllers(controllers));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build();
    FederationFixture fx = new FederationFixture(cp, client);
    for (String name : IDC) {
      fx.register(name, "idc", 5);
    }
    for (String name : CLOUD) {
      fx.register(name, "cloud", 10);
    }
    return fx;
  }

  /** A simulated member of {@code nodes} nodes of 8 cores; watermark 100 keeps the arithmetic exact. */
  private void register(String name, String tier, int nodes) {
    Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("name", "general");
    pool.put("count", nodes);
    pool.put("cpu", "8");
    pool.put("memory", "64Gi");
    pool.put("pods", 110);
    Map<String, Object> lifecycle = Map.of("startupDelay", "100ms", "readyDelay", "200ms", "terminationDelay", "100ms");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("tier", tier);
    spec.put("region", tier.equals("idc") ? "dc-east" : "us-east-1");
    spec.put("zone", name);
    spec.put("watermark", 100);
    spec.put("simulated", Map.of("nodePools", List.of(pool), "podLifecycle", lifecycle));
    GenericKubernetesResource cluster = new GenericKubernetesResource();
    cluster.setApiVersion("cluster.tidewater.io/v1alpha1");
    cluster.setKind("Cluster");
    cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    cluster.setAdditionalProperties(Map.of("spec", spec));
    client.resource(cluster).create();
  }

  /** How many members report Ready=True. */
  long readyClusters() {
    return readyClusters(client);
  }

  /** How many members of the federation {@code client} talks to report Ready=True. */
  @SuppressWarnings("unchecked")
  static long readyClusters(KubernetesClient client) {
    io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext clusters = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
        .withGroup("cluster.tidewater.io").withVersion("v1alpha1").withKind("Cluster").withPlural("clusters").withNamespaced(false).build();
    return client.genericKubernetesResources(clusters).list().getItems().stream().filter(c -> {
      if (!(c.getAdditionalProperties().get("status") instanceof Map<?, ?> st) || !(st.get("conditions") instanceof List<?> conds)) {
        return false;
      }
      return conds.stream().map(x -> (Map<String, Object>) x).anyMatch(x -> "Ready".equals(x.get("type")) && "True".equals(x.get("status")));
    }).count();
  }

  SimulatedCluster member(String name) {
    return controlPlane.fleet().orElseThrow().get(name).orElseThrow();
  }

  /** A fabric8 client on a member, through its context in the kubeconfig {@code up} wrote. */
  KubernetesClient memberClient(String cluster) throws java.io.IOException {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster, Files.readString(controlPlane.kubeconfig()), null)).build();
  }

  @Override
  public void close() {
    client.close();
    controlPlane.close();
  }
}
