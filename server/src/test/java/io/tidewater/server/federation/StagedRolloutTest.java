package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tidewater.apiserver.testing.Kubectl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, scenario 4: a canary stage with a failing health gate. The new image's pods crash-loop in
 * the simulator, so the canary never becomes available; the rollout halts after the canary with a
 * {@code Halted} condition on the template, the other clusters are untouched (same pods, old image),
 * and {@code tidewater.io/rollout-action=rollback} restores the old revision everywhere. The
 * invariant checker watches every member throughout.
 */
class StagedRolloutTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> MEMBERS = List.of("idc-1", "idc-2", "cloud-1");
  private static final String NS = "canary";
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
  void aFailingCanaryHaltsTheRolloutAndRollbackRestoresTheOldRevisionEverywhere() throws Exception {
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    fx.client.resource(FederationManifests.weightedPolicy(NS, "canary-first", FederationManifests.evenly(MEMBERS), FederationManifests.DEPLOYMENTS,
        true, Map.of("rollout", Map.of(
            "stages", List.of(Map.of("name", "canary", "clusterAffinity", Map.of("clusterNames", List.of("idc-1")))),
            "healthGate", Map.of("timeout", "10m"))))).create();
    Deployment d = FederationManifests.deployment("web", 12);
    d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().setRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")));
    d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxUnavailable(new IntOrString(1)).withMaxSurge(new IntOrString(1)).endRollingUpdate().build());
    fx.client.apps().deployments().inNamespace(NS).resource(d).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(Bindings.placement(fx.client, NS, "web-deployment")).containsEntry("idc-1", 4).containsEntry("idc-2", 4).containsEntry("cloud-1", 4);
      assertThat(deployment().getStatus().getAvailableReplicas()).isEqualTo(12);
    });
    FleetInvariantChecker checker = new FleetInvariantChecker(12, 1, 1);
    for (String c : MEMBERS) {
      KubernetesClient m = fx.memberClient(c);
      memberClients.add(m);
      checker.watch(c, m, NS, "web");
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue());
    Set<String> laterStagePods = pods("idc-2", "cloud-1");
    checker.arm();

    fx.client.apps().deployments().inNamespace(NS).withName("web").edit(x -> {
      x.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:2-crashloop");
      return x;
    });
    // The canary's new pods crash-loop: the gate (no crash-looping pods allowed) fails at once, long
    // before its 10-minute timeout, and the rollout halts there.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(deployment().getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("FleetRollout/False/Halted");
          assertThat(c.getMessage()).contains("stage canary").contains("crash-looping").contains("rollback");
        }));
    assertThat(images("idc-1")).contains("registry.example/web:2-crashloop");
    Thread.sleep(2_000); // halted means halted: nothing moves on meanwhile
    assertThat(pods("idc-2", "cloud-1")).as("the later stages are untouched").isEqualTo(laterStagePods);
    assertThat(images("idc-2")).containsOnly("registry.example/web:1");
    assertThat(images("cloud-1")).containsOnly("registry.example/web:1");

    // Roll back with stock kubectl: the old revision comes back everywhere.
    Kubectl kubectl = new Kubectl(fx.controlPlane.kubeconfig());
    kubectl.run("annotate", "deployment/web", "tidewater.io/rollout-action=rollback", "-n", NS).assertOk();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Deployment now = deployment();
      assertThat(now.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1");
      assertThat(now.getMetadata().getAnnotations()).doesNotContainKey("tidewater.io/rollout-action");
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(12);
      assertThat(now.getStatus().getAvailableReplicas()).isEqualTo(12);
      assertThat(checker.settled()).as("pods %s", checker.describe()).isTrue();
      for (String c : MEMBERS) {
        assertThat(images(c)).containsOnly("registry.example/web:1");
      }
    });
    assertThat(pods("idc-2", "cloud-1")).as("the later stages never moved").isEqualTo(laterStagePods);
    checker.close();
    assertThat(checker.firstBreach()).as("worst unavailable %d, most pods %d", checker.worstUnavailable(), checker.worstTotal()).isNull();
  }

  private static Deployment deployment() {
    return fx.client.apps().deployments().inNamespace(NS).withName("web").get();
  }

  /** The names of the live pods of web in the given members. */
  private static Set<String> pods(String... clusters) throws java.io.IOException {
    Set<String> out = new TreeSet<>();
    for (String c : clusters) {
      try (KubernetesClient m = fx.memberClient(c)) {
        for (Pod p : m.pods().inNamespace(NS).withLabel("app", "web").list().getItems()) {
          if (p.getMetadata().getDeletionTimestamp() == null) {
            out.add(c + "/" + p.getMetadata().getName());
          }
        }
      }
    }
    return out;
  }

  private static Set<String> images(String cluster) throws java.io.IOException {
    Set<String> out = new TreeSet<>();
    try (KubernetesClient m = fx.memberClient(cluster)) {
      for (Pod p : m.pods().inNamespace(NS).withLabel("app", "web").list().getItems()) {
        if (p.getMetadata().getDeletionTimestamp() == null) {
          out.add(p.getSpec().getContainers().get(0).getImage());
        }
      }
    }
    return out;
  }
}
