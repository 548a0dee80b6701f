package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
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
  void scaleOutOverflowsToCloudOnlyForTheRemainder() {
    fx.client.apps().deployments().inNamespace(NS).withName("web").scale(60);
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

  // ------------------------------------------------------------------ helpers

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("2")).addToRequests("memory", new Quantity("1Gi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** Waits until the federation's Deployment reports {@code replicas} ready, observed, and the binding places exactly that many. */
  private static void awaitSettled(int replicas) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment d = fx.client.apps().deployments().inNamespace(NS).withName("web").get();
      assertThat(d.getStatus()).isNotNull();
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
      assertThat(d.getStatus().getReadyReplicas()).isEqualTo(replicas);
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(replicas);
      assertThat(targets().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(replicas);
    });
  }

  private static Map<String, Integer> targets() {
    GenericKubernetesResource b = fx.client.genericKubernetesResources(BINDINGS).inNamespace(NS).withName("web-deployment").get();
    Map<String, Integer> out = new LinkedHashMap<>();
    if (b == null) {
      return out;
    }
    for (Object t : list(map(b.getAdditionalProperties().get("spec")).get("clusters"))) {
      Map<String, Object> m = map(t);
      out.put((String) m.get("name"), ((Number) m.getOrDefault("replicas", 0)).intValue());
    }
    return out;
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
