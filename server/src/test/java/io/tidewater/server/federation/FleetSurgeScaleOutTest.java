package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tidewater.apiserver.testing.Kubectl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, scenario 2: {@code maxSurge=25%, maxUnavailable=0}, 40 replicas that fill the self-built
 * tier with the surge, scaled to 60 halfway through the rollout so that 20 overflow to cloud. The
 * invariant checker watches every member: ready pods never fall below the 40 that served before,
 * pods never exceed replicas + surge (50, then 75 after the scale), and the rollout ends with 60
 * replicas on the new revision. Then rolling back with {@code kubectl set image} takes all 60 back
 * under the same budget.
 */
class FleetSurgeScaleOutTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration ROLLOUT = Duration.ofSeconds(150);
  private static final List<String> MEMBERS = List.of("idc-1", "idc-2", "cloud-1", "cloud-2");
  private static final String NS = "surge";
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
  void surgeBudgetHoldsWhileAScaleOutOverflowsToCloudMidRollout() throws Exception {
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    fx.client.resource(FederationManifests.byRoomPolicy(NS)).create();
    Deployment d = FederationManifests.surgeDeployment("web", 40);
    fx.client.apps().deployments().inNamespace(NS).resource(d).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(placed()).isEqualTo(Map.of("idc-1", 20, "idc-2", 20));
      Deployment now = deployment();
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(40);
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(40);
    });

    FleetInvariantChecker checker = new FleetInvariantChecker(40, 0, 10);
    for (String cluster : MEMBERS) {
      KubernetesClient m = fx.memberClient(cluster);
      memberClients.add(m);
      checker.watch(cluster, m, NS, "web");
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue());
    checker.arm();

    fx.client.apps().deployments().inNamespace(NS).withName("web").edit(x -> {
      x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:2");
      return x;
    });
    // Halfway: some replicas on the new revision, not all.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      Deployment now = deployment();
      Integer updated = now.getStatus().getUpdatedReplicas();
      return now.getStatus().getObservedGeneration() >= now.getMetadata().getGeneration() && updated != null && updated >= 10 && updated < 40;
    });
    int updatedAtScale = deployment().getStatus().getUpdatedReplicas();
    checker.scaledTo(60, 15); // 25% of 60, rounded up
    fx.client.apps().deployments().inNamespace(NS).withName("web").scale(60);

    await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment now = deployment();
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(60);
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(60);
      assertThat(now.getStatus().getReplicas()).isEqualTo(60);
      assertThat(now.getStatus().getConditions())
          .anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("FleetRollout/True/RolloutComplete"));
      assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue();
      for (KubernetesClient m : memberClients) {
        assertThat(m.pods().inNamespace(NS).withLabel("app", "web").list().getItems())
            .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:2"));
      }
    });
    Map<String, Integer> end = placed();

    assertThat(updatedAtScale).as("scaled halfway through").isBetween(10, 39);
    assertThat(end.getOrDefault("cloud-1", 0) + end.getOrDefault("cloud-2", 0)).as("overflow to cloud in %s", end).isPositive();
    // (The placement may already total more than 60: once the rollout is done, replicas start
    // coming home to the idc room the surge left, new copies first.)
    assertThat(checker.events()).isGreaterThan(60);
    assertThat(checker.firstBreach()).as("Fleet-Root, worst ready shortfall %d, most pods %d", checker.worstUnavailable(), checker.worstTotal()).isNull();

    // Rolling back is one more Fleet-Root rollout under the same budget. The federation keeps no
    // ReplicaSet history of its own (its replicasets are the members', merged by the gateway), so
    // `kubectl rollout undo` is replaced by setting the previous template again (README).
    // Started at once, while replicas may begin coming home to the idc room the surge left:
    // come-home copies placed while members roll wait for surge that is free, so the budget holds.
    Kubectl kubectl = new Kubectl(fx.controlPlane.kubeconfig());
    checker.arm();
    assertThat(kubectl.run("set", "image", "deployment/web", "app=registry.example/web:1", "-n", NS).assertOk().out()).contains("image updated");
    assertThat(deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1");
    await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment now = deployment();
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(60);
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(60);
      assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue();
      for (KubernetesClient m : memberClients) {
        assertThat(m.pods().inNamespace(NS).withLabel("app", "web").list().getItems())
            .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1"));
      }
    });
    checker.close();
    assertThat(checker.firstBreach()).as("the rollback, worst ready shortfall %d, most pods %d", checker.worstUnavailable(), checker.worstTotal()).isNull();
  }

  private static Deployment deployment() {
    return fx.client.apps().deployments().inNamespace(NS).withName("web").get();
  }

  private static Map<String, Integer> placed() {
    Map<String, Integer> out = new LinkedHashMap<>();
    Bindings.placement(fx.client, NS, "web-deployment").forEach((c, r) -> {
      if (r > 0) {
        out.put(c, r);
      }
    });
    return out;
  }
}
