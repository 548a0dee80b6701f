package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.tidewater.controllers.execution.ExecutionOptions;
import io.tidewater.controllers.scheduling.SchedulingController;
import io.tidewater.member.health.HealthProbeOptions;
import io.tidewater.server.ControlPlane;
import io.tidewater.server.Kubeconfig;
import io.tidewater.server.StoreSpec;
import io.tidewater.server.TidewaterCli;
import io.tidewater.server.fleet.FederationControllers;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: "a restart of Tidewater in the middle of scenario 4 resumes it with no replica lost".
 * The members here are clusters of their own (a simulator fleet outside the control plane, joined
 * by kubeconfig), so they keep running while Tidewater is down, as real members do. Tidewater
 * runs on the embedded store in a data directory; it is stopped after the first come-home step
 * and started again on the same directory.
 */
class RestartDuringComeHomeTest {
  private static final ResourceDefinitionContext BINDINGS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("ResourceBinding").withPlural("resourcebindings").withNamespaced(true).build();
  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> IDC = List.of("idc-1", "idc-2");
  private static final List<String> CLOUD = List.of("cloud-1", "cloud-2");

  private Fleet members;
  private ControlPlane controlPlane;
  private KubernetesClient client;
  private final Map<String, KubernetesClient> memberClients = new LinkedHashMap<>();

  @AfterEach
  void stop() {
    memberClients.values().forEach(KubernetesClient::close);
    stopControlPlane();
    if (members != null) {
      members.close();
    }
  }

  @Test
  void aRestartInTheMiddleOfComeHomeResumesItWithNoReplicaLost() throws Exception {
    members = Fleet.start(Fleet.Options.plain());
    PodTimings fast = PodTimings.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100));
    for (String name : IDC) {
      members.ensure(name, SimulatedClusterSpec.of(NodePoolSpec.of("general", 5, "8", "64Gi")).withPodTimings(fast));
    }
    for (String name : CLOUD) {
      members.ensure(name, SimulatedClusterSpec.of(NodePoolSpec.of("general", 10, "8", "64Gi")).withPodTimings(fast));
    }
    Path dataDir = Files.createTempDirectory("tidewater-restart-");
    startControlPlane(dataDir);
    for (String name : IDC) {
      join(name, "idc");
    }
    for (String name : CLOUD) {
      join(name, "cloud");
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    client.resource(FederationManifests.dividedPolicy(NS, null)).create();

    // idc holds 40 replicas of the 2-core pod: a 20-replica "hog" takes half, so 30 of "web" split 20 idc / 10 cloud.
    client.apps().deployments().inNamespace(NS).resource(FederationManifests.deployment("hog", 20)).create();
    await().atMost(WAIT).until(() -> placed("hog").values().stream().mapToInt(Integer::intValue).sum() == 20);
    client.apps().deployments().inNamespace(NS).resource(FederationManifests.deployment("web", 30)).create();
    await().atMost(WAIT).untilAsserted(() -> {
      Map<String, Integer> web = placed("web");
      assertThat(tier(web, IDC)).isEqualTo(20);
      assertThat(tier(web, CLOUD)).isEqualTo(10);
      assertThat(availableInMembers()).isEqualTo(30);
    });

    // Sample availability straight from the members, so the samples go on while Tidewater is down.
    AtomicInteger minAvailable = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger samples = new AtomicInteger();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = Thread.ofVirtual().name("availability-sampler").start(() -> {
      while (sampling.get()) {
        try {
          minAvailable.accumulateAndGet(availableInMembers(), Math::min);
          samples.incrementAndGet();
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // a member read failed; the next sample counts
        }
      }
    });

    client.apps().deployments().inNamespace(NS).withName("hog").delete();
    // The first come-home step: new replicas start in idc before the cloud copies go.
    await().atMost(WAIT).until(() -> tier(placed("web"), IDC) > 20);
    Map<String, Integer> atStop = placed("web");
    stopControlPlane();
    Thread.sleep(2_000); // members run on their own meanwhile
    startControlPlane(dataDir);

    // Resumed: every replica comes home (idc keeps 10 of headroom, above the hysteresis margin),
    // and every one is accounted for and available.
    int idcAtStop = tier(atStop, IDC);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Map<String, Integer> web = placed("web");
      assertThat(tier(web, IDC)).isEqualTo(30);
      assertThat(tier(web, CLOUD)).isZero();
      Deployment d = client.apps().deployments().inNamespace(NS).withName("web").get();
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(30);
      assertThat(availableInMembers()).isEqualTo(30);
      assertThat(podsInMembers()).isEqualTo(30);
    });
    sampling.set(false);
    sampler.join();
    assertThat(idcAtStop).as("stopped in the middle of coming home: %s", atStop).isBetween(21, 29);
    assertThat(samples.get()).isGreaterThan(10);
    // The template's default strategy allows 25% of 30 (7, rounded down) unavailable.
    assertThat(minAvailable.get()).as("fewest available replicas in any sample").isGreaterThanOrEqualTo(23);
  }

  private void startControlPlane(Path dataDir) throws Exception {
    FederationControllers.Options controllers = FederationControllers.Options.defaults()
        .withConnector(FederationControllers.Options.defaults().connector().withHealth(new HealthProbeOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 2)))
        .withExecution(ExecutionOptions.defaults().withRetryPeriod(Duration.ofSeconds(1)))
        .withScheduling(new SchedulingController.Options(25, 5, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    controlPlane = ControlPlane.start(
        new ControlPlane.Options(dataDir, StoreSpec.parse("embedded"), "127.0.0.1", 0, false, List.of(), true, false, 0).withControllers(controllers));
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig()))).build();
  }

  private void stopControlPlane() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (controlPlane != null) {
      controlPlane.close();
      controlPlane = null;
    }
  }

  private void join(String name, String tier) throws Exception {
    KubeconfigEntry e = members.kubeconfigEntry(name).orElseThrow();
    Path file = Files.createTempFile(name + "-", ".kubeconfig");
    new Kubeconfig().add(new Kubeconfig.Entry(name, e.server(), e.caPem(), e.token())).write(file);
    int code = TidewaterCli.commandLine().execute("cluster", "join", name, "--kubeconfig", file.toString(), "--tier", tier, "--watermark", "100",
        "--federation-kubeconfig", controlPlane.kubeconfig().toString());
    assertThat(code).isZero();
    memberClients.put(name, new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(e.server()).withOauthToken(e.token()).build()).build());
  }

  private Map<String, Integer> placed(String deployment) {
    return Bindings.placement(client, NS, deployment + "-deployment");
  }


  private static int tier(Map<String, Integer> placed, List<String> tier) {
    return placed.entrySet().stream().filter(e -> tier.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
  }

  /**
   * Ready, not terminating "web" pods summed over every member. Cloud is read before idc: coming
   * home only adds ready pods in idc and removes cloud ones after, so a sample that straddles a
   * swap can only over-count, never report a dip that did not happen.
   */
  private int availableInMembers() {
    int n = 0;
    List<KubernetesClient> cloudFirst = new java.util.ArrayList<>();
    CLOUD.forEach(c -> cloudFirst.add(memberClients.get(c)));
    IDC.forEach(c -> cloudFirst.add(memberClients.get(c)));
    for (KubernetesClient m : cloudFirst) {
      for (Pod p : m.pods().inNamespace(NS).withLabel("app", "web").list().getItems()) {
        if (p.getMetadata().getDeletionTimestamp() == null && ready(p)) {
          n++;
        }
      }
    }
    return n;
  }

  private int podsInMembers() {
    int n = 0;
    for (KubernetesClient m : memberClients.values()) {
      n += (int) m.pods().inNamespace(NS).withLabel("app", "web").list().getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).count();
    }
    return n;
  }

  private static boolean ready(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition c : p.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }
}
