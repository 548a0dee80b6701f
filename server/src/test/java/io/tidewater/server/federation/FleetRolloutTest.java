package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, scenarios 1 and 3. Scenario 1: 40 replicas over 4 members split 15/15/6/4 with {@code maxUnavailable=1,
 * maxSurge=0}. An invariant checker watches every member's pods through the rollout. Fleet-Root
 * keeps the fleet within the template's budget; the naive copy of the strategy into every member
 * (opted into with {@code tidewater.io/fleet-rollout: Off}) breaches it, in the same test.
 */
class FleetRolloutTest {
  private static final ResourceDefinitionContext BINDINGS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("ResourceBinding").withPlural("resourcebindings").withNamespaced(true).build();
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** One replica at a time across 40 (maxUnavailable 1, maxSurge 0) takes a while on 2 cores. */
  private static final Duration ROLLOUT = Duration.ofSeconds(180);
  private static final Map<String, Integer> SPLIT = Map.of("idc-1", 15, "idc-2", 15, "cloud-1", 6, "cloud-2", 4);
  private static FederationFixture fx;
  private static final List<KubernetesClient> memberClients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    fx = FederationFixture.start();
  }

  @AfterAll
  static void stop() {
    memberClients.forEach(KubernetesClient::close);
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void oneGlobalMaxUnavailableHoldsAcrossClustersWhereTheNaiveCopyBreachesIt() throws Exception {
    // Every member Ready first: a member joining later would not get its weighted share (stability).
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
    FleetInvariantChecker fleetRoot = rollOut("fleetroot", false);
    assertThat(fleetRoot.events()).isGreaterThan(40); // the checker saw the rollout
    assertThat(fleetRoot.firstBreach()).as("Fleet-Root").isNull();
    assertThat(fleetRoot.worstUnavailable()).isLessThanOrEqualTo(1);
    assertThat(fleetRoot.worstTotal()).isLessThanOrEqualTo(40);

    FleetInvariantChecker naive = rollOut("naive", true);
    assertThat(naive.firstBreach()).as("the naive per-cluster copy").isNotNull();
    assertThat(naive.worstUnavailable()).isGreaterThan(1);
  }

  /**
   * Scenario 3: a StatefulSet of 9 over 3 members (3 each) updated with {@code partition: 4}.
   * Fleet-Root rolls one member at a time (the default maxUnavailable 1 is fleet-wide) and splits
   * the partition from the end of the rollout order, so exactly 4 replicas stay on the old
   * revision, and stay there, until the partition is lowered to 0.
   */
  @Test
  void aStatefulSetPartitionKeepsExactlyThatManyOldReplicasFleetWide() throws Exception {
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
    String ns = "partition";
    List<String> members = List.of("idc-1", "idc-2", "cloud-1");
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    fx.client.resource(FederationManifests.weightedPolicy(ns, "thirds", FederationManifests.evenly(members),
        List.of(Map.of("apiVersion", "apps/v1", "kind", "StatefulSet")), true, Map.of())).create();
    StatefulSet set = new StatefulSetBuilder()
        .withNewMetadata().withName("db").endMetadata()
        .withNewSpec().withReplicas(9).withServiceName("db")
        .withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("registry.example/db:1")
        .withNewResources().addToRequests("cpu", new Quantity("500m")).addToRequests("memory", new Quantity("256Mi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
    fx.client.apps().statefulSets().inNamespace(ns).resource(set).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Map<String, Integer> placed = new LinkedHashMap<>();
      Bindings.placement(fx.client, ns, "db-statefulset").forEach((c, r) -> {
        if (r > 0) {
          placed.put(c, r);
        }
      });
      assertThat(placed).isEqualTo(Map.of("idc-1", 3, "idc-2", 3, "cloud-1", 3));
      assertThat(fx.client.apps().statefulSets().inNamespace(ns).withName("db").get().getStatus().getReadyReplicas()).isEqualTo(9);
    });
    FleetInvariantChecker checker = new FleetInvariantChecker(9, 1, 0);
    for (String c : members) {
      KubernetesClient m = fx.memberClient(c);
      memberClients.add(m);
      checker.watch(c, m, ns, "db");
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue());
    checker.arm();

    fx.client.apps().statefulSets().inNamespace(ns).withName("db").edit(x -> {
      x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/db:2");
      x.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate().withPartition(4).endRollingUpdate().build());
      return x;
    });
    await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(images(ns, members)).containsEntry("registry.example/db:1", 4L).containsEntry("registry.example/db:2", 5L);
      StatefulSet now = fx.client.apps().statefulSets().inNamespace(ns).withName("db").get();
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(5);
      assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue();
    });
    // ... and it stays there: the partition is a resting point, not a pause on the way.
    Thread.sleep(2_000);
    assertThat(images(ns, members)).containsEntry("registry.example/db:1", 4L).containsEntry("registry.example/db:2", 5L);

    fx.client.apps().statefulSets().inNamespace(ns).withName("db").edit(x -> {
      x.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(0);
      return x;
    });
    await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(images(ns, members)).containsOnlyKeys("registry.example/db:2").containsEntry("registry.example/db:2", 9L);
      assertThat(fx.client.apps().statefulSets().inNamespace(ns).withName("db").get().getStatus().getUpdatedReplicas()).isEqualTo(9);
      assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue();
    });
    checker.close();
    assertThat(checker.events()).isGreaterThan(9);
    assertThat(checker.firstBreach()).as("Fleet-Root").isNull();
    assertThat(checker.worstUnavailable()).isLessThanOrEqualTo(1);
  }

  /** Image → how many of the StatefulSet's pods run it, over the members. */
  private static Map<String, Long> images(String ns, List<String> members) throws java.io.IOException {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String c : members) {
      try (KubernetesClient m = fx.memberClient(c)) {
        m.pods().inNamespace(ns).withLabel("app", "db").list().getItems().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .forEach(p -> out.merge(p.getSpec().getContainers().get(0).getImage(), 1L, Long::sum));
      }
    }
    return out;
  }

  /** Deploys 40 replicas split 15/15/6/4, then changes the image and waits for the rollout; returns the checker that watched it. */
  private FleetInvariantChecker rollOut(String ns, boolean naive) throws Exception {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    fx.client.resource(FederationManifests.weightedPolicy(ns, "split", SPLIT, FederationManifests.DEPLOYMENTS, true, Map.of())).create();
    Deployment d = FederationManifests.deployment("web", 40);
    d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().setRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")));
    d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxUnavailable(new IntOrString(1)).withMaxSurge(new IntOrString(0)).endRollingUpdate().build());
    if (naive) {
      d.getMetadata().setAnnotations(Map.of("tidewater.io/fleet-rollout", "Off"));
    }
    fx.client.apps().deployments().inNamespace(ns).resource(d).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(placed(ns)).as("binding %s", fx.client.genericKubernetesResources(BINDINGS).inNamespace(ns).withName("web-deployment").get())
          .isEqualTo(SPLIT);
      Deployment now = fx.client.apps().deployments().inNamespace(ns).withName("web").get();
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(40);
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(40);
    });
    FleetInvariantChecker checker = new FleetInvariantChecker(40, 1, 0);
    for (String cluster : SPLIT.keySet()) {
      KubernetesClient m = fx.memberClient(cluster);
      memberClients.add(m);
      checker.watch(cluster, m, ns, "web");
    }
    await().atMost(WAIT).untilAsserted(() -> {
      java.util.Set<String> live = new java.util.TreeSet<>();
      for (String c : SPLIT.keySet()) {
        try (KubernetesClient m = fx.memberClient(c)) {
          m.pods().inNamespace(ns).withLabel("app", "web").list().getItems().forEach(p -> live.add(c + "/" + p.getMetadata().getName()));
        }
      }
      java.util.Set<String> extra = checker.keys();
      extra.removeAll(live);
      assertThat(checker.settled()).as("pods (running/ready/terminating) %s; seen but gone: %s", checker.describe(), extra).isTrue();
    });
    checker.arm();
    fx.client.apps().deployments().inNamespace(ns).withName("web")
        .edit(x -> {
          x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:2");
          return x;
        });
    if (!naive) {
      // The federation reports the staged rollout's true progress: observed, some replicas updated, not all.
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        Deployment now = fx.client.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
        assertThat(now.getStatus().getUpdatedReplicas()).isBetween(1, 39);
        assertThat(now.getStatus().getConditions()).anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("FleetRollout");
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isIn("Staged", "AllClustersStarted");
        });
      });
    }
    await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment now = fx.client.apps().deployments().inNamespace(ns).withName("web").get();
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(40);
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(40);
      assertThat(now.getStatus().getReplicas()).isEqualTo(40);
      if (!naive) {
        assertThat(now.getStatus().getConditions())
            .anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("FleetRollout/True/RolloutComplete"));
      }
      for (KubernetesClient m : memberClients.subList(memberClients.size() - SPLIT.size(), memberClients.size())) {
        assertThat(m.pods().inNamespace(ns).withLabel("app", "web").list().getItems())
            .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:2"));
      }
    });
    checker.close();
    return checker;
  }

  private static Map<String, Integer> placed(String ns) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Bindings.placement(fx.client, ns, "web-deployment").forEach((c, r) -> {
      if (r > 0) {
        out.put(c, r);
      }
    });
    return out;
  }

}
