package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4's acceptance scenarios against a whole Tidewater (API server, gateway, controllers,
 * simulated members through the real connector): self-built first, scale-out to cloud, scale-in
 * from cloud, failover and cascade deletion, with the federation's Deployment status summed over
 * members throughout. The scenarios share one fleet, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfBuiltFirstTest {
  private static final ResourceDefinitionContext CLUSTERS = new ResourceDefinitionContext.Builder()
      .withGroup("cluster.tidewater.io").withVersion("v1alpha1").withKind("Cluster").withPlural("clusters").withNamespaced(false).build();
  private static final ResourceDefinitionContext BINDINGS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("ResourceBinding").withPlural("resourcebindings").withNamespaced(true).build();
  private static final ResourceDefinitionContext WORKS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("Work").withPlural("works").withNamespaced(true).build();
  private static final String NS = "shop";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static FederationFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = FederationFixture.start();
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @Order(1)
  void everyMemberBecomesReadyWithItsCapacity() throws Exception {
    await().atMost(WAIT).untilAsserted(() -> {
      List<GenericKubernetesResource> clusters = fx.client.genericKubernetesResources(CLUSTERS).list().getItems();
      assertThat(clusters).hasSize(4);
      for (GenericKubernetesResource c : clusters) {
        assertThat(readyStatus(c)).as(c.getMetadata().getName()).isEqualTo("True");
        Map<String, Object> summary = map(map(c.getAdditionalProperties().get("status")).get("resourceSummary"));
        assertThat(map(summary.get("allocatable")).get("cpu")).isNotNull();
      }
    });
    String table = kubectl("get", "clusters");
    assertThat(table.lines().findFirst().orElseThrow()).contains("TIER", "READY", "NODES", "CPU", "GPU", "PODS", "AGE");
    assertThat(table).contains("idc-1", "cloud-2");
    assertThat(table.lines().filter(l -> l.startsWith("idc-1")).findFirst().orElseThrow()).contains("idc", "True", "5/5", "0/40");
  }

  @Test
  @Order(2)
  void aTemplateWithoutAPolicyStaysHomeAndSaysWhy() {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("nopolicy").endMetadata().build()).create();
    fx.client.apps().deployments().inNamespace("nopolicy").resource(deployment("lonely", 3)).create();
    await().atMost(WAIT).untilAsserted(() -> {
      Deployment d = fx.client.apps().deployments().inNamespace("nopolicy").withName("lonely").get();
      var propagated = d.getStatus() == null ? null
          : d.getStatus().getConditions().stream().filter(c -> c.getType().equals("Propagated")).findFirst().orElse(null);
      assertThat(propagated).isNotNull();
      assertThat(propagated.getStatus()).isEqualTo("False");
      assertThat(propagated.getReason()).isEqualTo("NoPolicy");
    });
    assertThat(fx.client.genericKubernetesResources(BINDINGS).inNamespace("nopolicy").list().getItems()).isEmpty();
  }

  @Test
  @Order(3)
  void tenReplicasGoEntirelyToSelfBuilt() {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    GenericKubernetesResource policy = new GenericKubernetesResource();
    policy.setApiVersion("policy.tidewater.io/v1alpha1");
    policy.setKind("PropagationPolicy");
    policy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("web").withNamespace(NS).build());
    policy.setAdditionalProperties(Map.of("spec", Map.of(
        "resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "web")),
        "placement", Map.of("replicaScheduling", Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Aggregated")),
        "failover", Map.of("cluster", Map.of("tolerationSeconds", 3)))));
    fx.client.resource(policy).create();
    fx.client.apps().deployments().inNamespace(NS).resource(deployment("web", 10)).create();

    awaitSettled(10);
    Map<String, Integer> placed = targets();
    assertThat(tierTotal(placed, FederationFixture.IDC)).isEqualTo(10);
    assertThat(tierTotal(placed, FederationFixture.CLOUD)).isZero();
    // The Cluster Gateway shows the members' pods, each labelled with its cluster.
    List<Pod> pods = fx.client.pods().inNamespace(NS).list().getItems();
    assertThat(pods).hasSize(10);
    assertThat(pods).allSatisfy(p -> assertThat(FederationFixture.IDC).contains(p.getMetadata().getLabels().get("tidewater.io/cluster")));
  }

  @Test
  @Order(4)
  void scaleOutOverflowsToCloudOnlyForTheRemainder() throws Exception {
    fx.client.apps().deployments().inNamespace(NS).withName("web").scale(60);
    // kubectl waits for the summed state of every member, then reports it.
    assertThat(kubectl("rollout", "status", "deploy/web", "-n", NS, "--timeout=60s")).contains("successfully rolled out");
    assertThat(kubectl("get", "deploy", "web", "-n", NS).lines().skip(1).findFirst().orElseThrow()).contains("60/60");
    awaitSettled(60);
    Map<String, Integer> placed = targets();
    assertThat(tierTotal(placed, FederationFixture.IDC)).isEqualTo(40); // 2 members × 40 cores / 2 cores
    assertThat(tierTotal(placed, FederationFixture.CLOUD)).isEqualTo(20);
    assertThat(scheduledCondition().get("status")).isEqualTo("True");
    assertThat(fx.client.pods().inNamespace(NS).list().getItems()).hasSize(60);
  }

  @Test
  @Order(5)
  void scaleInDrainsCloudFirst() {
    fx.client.apps().deployments().inNamespace(NS).withName("web").scale(15);
    awaitSettled(15);
    Map<String, Integer> placed = targets();
    assertThat(tierTotal(placed, FederationFixture.CLOUD)).isZero();
    assertThat(tierTotal(placed, FederationFixture.IDC)).isEqualTo(15);
    await().atMost(WAIT).until(() -> fx.client.pods().inNamespace(NS).list().getItems().size() == 15);
  }

  @Test
  @Order(6)
  void aLostMemberIsFailedOverAndItsStaleCopiesGoOnlyAfterItReturns() {
    String lost = targets().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst().orElseThrow();
    int lostReplicas = targets().get(lost);
    fx.member(lost).faults().setUnreachable(true);
    await().atMost(WAIT).until(() -> "False".equals(readyStatus(fx.client.genericKubernetesResources(CLUSTERS).withName(lost).get())));

    // Re-placed on the survivors within the toleration (3 s) plus a margin.
    await().atMost(Duration.ofSeconds(33)).untilAsserted(() -> {
      Map<String, Integer> placed = targets();
      int elsewhere = placed.entrySet().stream().filter(e -> !e.getKey().equals(lost)).mapToInt(Map.Entry::getValue).sum();
      assertThat(elsewhere).isEqualTo(15);
      assertThat(placed.get(lost)).as("stale copies stay while the member is out of reach").isEqualTo(lostReplicas);
    });
    await().atMost(WAIT).untilAsserted(() -> {
      Deployment d = fx.client.apps().deployments().inNamespace(NS).withName("web").get();
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(15); // the lost member's copies are not counted available
    });

    fx.member(lost).faults().setUnreachable(false);
    await().atMost(WAIT).until(() -> "True".equals(readyStatus(fx.client.genericKubernetesResources(CLUSTERS).withName(lost).get())));
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(targets()).doesNotContainKey(lost);
      assertThat(fx.client.pods().inNamespace(NS).list().getItems()).hasSize(15)
          .noneSatisfy(p -> assertThat(p.getMetadata().getLabels().get("tidewater.io/cluster")).isEqualTo(lost));
    });
    awaitSettled(15);
  }

  @Test
  @Order(7)
  void deletingTheTemplateRemovesItFromEveryMember() {
    fx.client.apps().deployments().inNamespace(NS).withName("web").delete();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(fx.client.genericKubernetesResources(BINDINGS).inNamespace(NS).list().getItems()).isEmpty();
      assertThat(fx.client.genericKubernetesResources(WORKS).inAnyNamespace().list().getItems()).isEmpty();
      assertThat(fx.client.pods().inNamespace(NS).list().getItems()).isEmpty();
    });
  }

  @Test
  @Order(8)
  void twoDeploymentsScheduledAtOnceNeverOverCommitAMember() throws Exception {
    String ns = "race";
    namespaceWithPolicy(ns, null);
    Thread a = Thread.ofVirtual().start(() -> fx.client.apps().deployments().inNamespace(ns).resource(deployment("a", 30)).create());
    Thread b = Thread.ofVirtual().start(() -> fx.client.apps().deployments().inNamespace(ns).resource(deployment("b", 30)).create());
    a.join();
    b.join();
    awaitSettled(ns, "a", 30);
    awaitSettled(ns, "b", 30);
    Map<String, Integer> perCluster = new LinkedHashMap<>();
    for (String d : List.of("a", "b")) {
      targets(ns, d + "-deployment").forEach((c, n) -> perCluster.merge(c, n, Integer::sum));
    }
    // 20 two-core pods fit in an idc member, 40 in a cloud one; the in-flight reservations keep it so.
    FederationFixture.IDC.forEach(c -> assertThat(perCluster.getOrDefault(c, 0)).as(c).isLessThanOrEqualTo(20));
    FederationFixture.CLOUD.forEach(c -> assertThat(perCluster.getOrDefault(c, 0)).as(c).isLessThanOrEqualTo(40));
    assertThat(tierTotal(perCluster, FederationFixture.IDC)).isEqualTo(40);
    List<Pod> pods = fx.client.pods().inNamespace(ns).list().getItems();
    assertThat(pods).hasSize(60).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
    fx.client.apps().deployments().inNamespace(ns).delete();
    await().atMost(WAIT).until(() -> fx.client.pods().inNamespace(ns).list().getItems().isEmpty());
  }

  @Test
  @Order(9)
  void replicasComeHomeWhenSelfBuiltHasRoomWithoutLosingAvailability() throws Exception {
    String ns = "home";
    namespaceWithPolicy(ns, null);
    fx.client.apps().deployments().inNamespace(ns).resource(deployment("filler", 40)).create();
    awaitSettled(ns, "filler", 40);
    fx.client.apps().deployments().inNamespace(ns).resource(deployment("web", 20)).create();
    awaitSettled(ns, "web", 20);
    assertThat(tierTotal(targets(ns, "web-deployment"), FederationFixture.CLOUD)).isEqualTo(20);

    // Sample web's availability while it moves: maxUnavailable 25% of 20 allows 5 short.
    List<Integer> available = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Map<String, Integer>> placements = new java.util.concurrent.CopyOnWriteArrayList<>();
    var sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sampler = Thread.ofVirtual().start(() -> {
      while (sampling.get()) {
        Deployment d = fx.client.apps().deployments().inNamespace(ns).withName("web").get();
        available.add(d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas());
        Map<String, Integer> now = targets(ns, "web-deployment");
        if (placements.isEmpty() || !placements.get(placements.size() - 1).equals(now)) {
          placements.add(now);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    fx.client.apps().deployments().inNamespace(ns).withName("filler").delete();
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        Map<String, Integer> placed = targets(ns, "web-deployment");
        assertThat(tierTotal(placed, FederationFixture.IDC)).isEqualTo(20);
        assertThat(tierTotal(placed, FederationFixture.CLOUD)).isZero();
      });
      awaitSettled(ns, "web", 20);
      Thread.sleep(3000); // hysteresis: nothing moves once home
    } finally {
      sampling.set(false);
      sampler.join();
    }
    assertThat(available).isNotEmpty();
    assertThat(available.stream().mapToInt(Integer::intValue).min().orElseThrow()).isGreaterThanOrEqualTo(15);
    // Surge first and rate-limited: several steps, but a bounded number, and the last is stable.
    assertThat(placements.size()).isBetween(2, 16);
    assertThat(placements.get(placements.size() - 1)).isEqualTo(targets(ns, "web-deployment"));
    fx.client.apps().deployments().inNamespace(ns).delete();
    await().atMost(WAIT).until(() -> fx.client.pods().inNamespace(ns).list().getItems().isEmpty());
  }

  @Test
  @Order(10)
  void aReferencedConfigMapFollowsTheWorkloadAndCloudGetsItsOwnRegistry() throws Exception {
    String ns = "deps";
    namespaceWithPolicy(ns, true);
    fx.client.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("web-config").endMetadata().addToData("mode", "fast").build()).create();
    GenericKubernetesResource override = new GenericKubernetesResource();
    override.setApiVersion("policy.tidewater.io/v1alpha1");
    override.setKind("OverridePolicy");
    override.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("cloud-registry").withNamespace(ns).build());
    override.setAdditionalProperties(Map.of("spec", Map.of(
        "resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "web")),
        "overrideRules", List.of(Map.of(
            "targetCluster", Map.of("fieldSelector", Map.of("matchExpressions", List.of(Map.of("key", "tier", "operator", "In", "values", List.of("cloud"))))),
            "overriders", Map.of("imageOverrider", List.of(Map.of("component", "Registry", "operator", "replace", "value", "mirror.cloud.example"))))))));
    fx.client.resource(override).create();
    Deployment web = deployment("web", 50);
    web.getSpec().getTemplate().getSpec().getContainers().get(0).setEnvFrom(List.of(new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder()
        .withNewConfigMapRef().withName("web-config").endConfigMapRef().build()));
    fx.client.apps().deployments().inNamespace(ns).resource(web).create();
    awaitSettled(ns, "web", 50);

    Map<String, Integer> placed = targets(ns, "web-deployment");
    assertThat(tierTotal(placed, FederationFixture.CLOUD)).isEqualTo(10);
    await().atMost(WAIT).untilAsserted(() -> {
      for (Pod p : fx.client.pods().inNamespace(ns).list().getItems()) {
        String cluster = p.getMetadata().getLabels().get("tidewater.io/cluster");
        String image = p.getSpec().getContainers().get(0).getImage();
        assertThat(image).as(cluster).isEqualTo(FederationFixture.CLOUD.contains(cluster) ? "mirror.cloud.example/web:1" : "registry.example/web:1");
      }
    });
    for (String cluster : placed.keySet()) {
      if (placed.get(cluster) > 0) {
        try (var member = fx.memberClient(cluster)) {
          await().atMost(WAIT).untilAsserted(() -> assertThat(member.configMaps().inNamespace(ns).withName("web-config").get()).as(cluster).isNotNull());
        }
      }
    }
  }

  @Test
  @Order(11)
  void clusterJoinRegistersAMemberFromItsKubeconfig() throws Exception {
    // A cluster Tidewater did not create: reached only through the kubeconfig given to `join`.
    fx.controlPlane.fleet().orElseThrow().ensure("joined", io.tidewater.simulator.SimulatedClusterSpec.of(
        io.tidewater.simulator.NodePoolSpec.of("general", 3, "4", "16Gi")));
    var entry = fx.controlPlane.fleet().orElseThrow().kubeconfigEntry("joined").orElseThrow();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("joined-", ".kubeconfig");
    new io.tidewater.server.Kubeconfig().add(new io.tidewater.server.Kubeconfig.Entry("joined", entry.server(), entry.caPem(), entry.token())).write(file);
    var out = new java.io.StringWriter();
    var cli = io.tidewater.server.TidewaterCli.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    int code = cli.execute("cluster", "join", "joined", "--kubeconfig", file.toString(), "--tier", "cloud", "--region", "eu-west-1",
        "--price-cpu-hour", "0.05", "--federation-kubeconfig", fx.controlPlane.kubeconfig().toString());
    assertThat(code).as(out.toString()).isZero();
    await().atMost(WAIT).untilAsserted(() -> {
      GenericKubernetesResource c = fx.client.genericKubernetesResources(CLUSTERS).withName("joined").get();
      assertThat(readyStatus(c)).isEqualTo("True");
      assertThat(map(map(c.getAdditionalProperties().get("status")).get("nodeSummary")).get("totalNum")).isEqualTo(3);
      assertThat(map(c.getAdditionalProperties().get("spec")).get("region")).isEqualTo("eu-west-1");
    });
    assertThat(fx.client.nodes().withLabel("tidewater.io/cluster", "joined").list().getItems()).hasSize(3);
    // A kubeconfig that is not one is refused without touching the federation.
    java.nio.file.Path bad = java.nio.file.Files.createTempFile("bad-", ".kubeconfig");
    java.nio.file.Files.writeString(bad, "this: [is not a kubeconfig");
    var err = new java.io.StringWriter();
    var cli2 = io.tidewater.server.TidewaterCli.commandLine();
    cli2.setErr(new java.io.PrintWriter(err));
    assertThat(cli2.execute("cluster", "join", "broken", "--kubeconfig", bad.toString(), "--tier", "idc", "--context", "x",
        "--federation-kubeconfig", fx.controlPlane.kubeconfig().toString())).isNotZero();
    assertThat(fx.client.genericKubernetesResources(CLUSTERS).withName("broken").get()).isNull();
  }

  @Test
  @Order(12)
  void replicasStuckUnschedulableInAMemberAreDescheduledToClustersWithRoom() {
    String ns = "batch";
    namespaceWithPolicy(ns, null);
    Deployment d = deployment("jobs", 6);
    // Leave lost nodes after 1 s instead of the member's default eviction delay.
    d.getSpec().getTemplate().getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
        .withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(1L).build()));
    fx.client.apps().deployments().inNamespace(ns).resource(d).create();
    awaitSettled(ns, "jobs", 6);
    Map<String, Integer> before = targets(ns, "jobs-deployment");
    String stuck = before.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst().orElseThrow();

    // The member stays reachable (no failover), but every node it had is gone: its pods are
    // evicted and their replacements stay Pending, Unschedulable, in that member.
    fx.member(stuck).faults().loseNodes("general");
    try {
      await().atMost(WAIT).untilAsserted(() -> {
        Map<String, Integer> now = targets(ns, "jobs-deployment");
        assertThat(now.getOrDefault(stuck, 0)).as("replicas handed back by %s", stuck).isZero();
        assertThat(now.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
      });
      awaitSettled(ns, "jobs", 6);
      GenericKubernetesResource b = fx.client.genericKubernetesResources(BINDINGS).inNamespace(ns).withName("jobs-deployment").get();
      assertThat(b.getMetadata().getAnnotations()).containsKey("tidewater.io/descheduled");
      assertThat(fx.client.v1().events().inNamespace(ns).list().getItems())
          .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Descheduled"));
      assertThat(readyStatus(fx.client.genericKubernetesResources(CLUSTERS).withName(stuck).get())).isEqualTo("True");
    } finally {
      fx.member(stuck).faults().recoverNodes("general");
    }
  }

  private static void namespaceWithPolicy(String ns, Boolean propagateDeps) {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    fx.client.resource(FederationManifests.dividedPolicy(ns, propagateDeps)).create();
  }

  // ------------------------------------------------------------------ helpers

  private static Deployment deployment(String name, int replicas) {
    return FederationManifests.deployment(name, replicas);
  }


  /** Waits until the federation's Deployment reports {@code replicas} ready, observed, and the binding places exactly that many. */
  private static void awaitSettled(int replicas) {
    awaitSettled(NS, "web", replicas);
  }

  private static void awaitSettled(String ns, String name, int replicas) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment d = fx.client.apps().deployments().inNamespace(ns).withName(name).get();
      assertThat(d.getStatus()).isNotNull();
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
      assertThat(d.getStatus().getReadyReplicas()).isEqualTo(replicas);
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(replicas);
      assertThat(targets(ns, name + "-deployment").values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(replicas);
    });
  }

  private static Map<String, Integer> targets() {
    return targets(NS, "web-deployment");
  }

  private static Map<String, Integer> targets(String ns, String binding) {
    return Bindings.placement(fx.client, ns, binding);
  }


  private static Map<String, Object> scheduledCondition() {
    GenericKubernetesResource b = fx.client.genericKubernetesResources(BINDINGS).inNamespace(NS).withName("web-deployment").get();
    for (Object c : list(map(b.getAdditionalProperties().get("status")).get("conditions"))) {
      if ("Scheduled".equals(map(c).get("type"))) {
        return map(c);
      }
    }
    return Map.of();
  }

  private static int tierTotal(Map<String, Integer> placed, List<String> tier) {
    return placed.entrySet().stream().filter(e -> tier.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
  }

  private static String readyStatus(GenericKubernetesResource cluster) {
    if (cluster == null) {
      return null;
    }
    for (Object c : list(map(cluster.getAdditionalProperties().get("status")).get("conditions"))) {
      if ("Ready".equals(map(c).get("type"))) {
        return (String) map(c).get("status");
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", fx.controlPlane.kubeconfig().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
