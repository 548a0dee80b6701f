package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tidewater.apiserver.testing.Kubectl;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 §2 and §3, the controls around stages: a pause until resumed holds every later stage until
 * the template is annotated {@code tidewater.io/rollout-action=resume}; {@code type: Parallel} starts
 * every cluster at once (and may not name stages); {@code plainObjectPropagation: Immediate} sends a
 * ConfigMap change everywhere at once while a staged one waits at the canary. The immediate and the
 * staged ConfigMap share a name in two namespaces, which also proves their Works do not collide. Each case has its own namespace and policy on one federation; the policies
 * are the same except for the control under test, so the contrast is the control's doing.
 */
class StagedControlsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration HELD = Duration.ofSeconds(3);
  private static final List<String> MEMBERS = List.of("idc-1", "idc-2", "cloud-1");
  private static FederationFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = FederationFixture.start();
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void aPauseUntilResumedHoldsLaterStagesUntilTheTemplateIsAnnotated() throws Exception {
    String ns = namespaceWithCanaryPause("paused", Map.of());
    deployAndAwaitEverywhere(ns);

    setImage(ns, "registry.example/app:2");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "registry.example/app:2".equals(image(ns, "idc-1")));
    // The canary passed its gate (its pods are healthy), and the rollout now waits for a person.
    long until = System.nanoTime() + HELD.toNanos();
    while (System.nanoTime() < until) {
      assertThat(image(ns, "idc-2")).as("idc-2 while paused").isEqualTo("registry.example/app:1");
      assertThat(image(ns, "cloud-1")).as("cloud-1 while paused").isEqualTo("registry.example/app:1");
      Thread.sleep(200);
    }

    fx.client.apps().deployments().inNamespace(ns).withName("app").edit(d -> {
      Map<String, String> annotations = d.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(d.getMetadata().getAnnotations());
      annotations.put("tidewater.io/rollout-action", "resume");
      d.getMetadata().setAnnotations(annotations);
      return d;
    });
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String c : MEMBERS) {
        assertThat(image(ns, c)).as(c).isEqualTo("registry.example/app:2");
      }
      assertThat(fx.client.apps().deployments().inNamespace(ns).withName("app").get().getStatus().getUpdatedReplicas()).isEqualTo(6);
    });
    // The action is consumed: it does not stay on the template to resume some later pause.
    await().atMost(WAIT).until(() -> {
      Map<String, String> annotations = fx.client.apps().deployments().inNamespace(ns).withName("app").get().getMetadata().getAnnotations();
      return annotations == null || !annotations.containsKey("tidewater.io/rollout-action");
    });
  }

  @Test
  void parallelRolloutsStartEveryClusterWithoutWaitingForAGate() throws Exception {
    String ns = namespaceWithRollout("parallel", Map.of("type", "Parallel", "healthGate", Map.of("timeout", "5m")));
    deployAndAwaitEverywhere(ns);

    setImage(ns, "registry.example/app:2");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String c : MEMBERS) {
        assertThat(image(ns, c)).as(c).isEqualTo("registry.example/app:2");
      }
    });
    // No stage state is kept for a parallel rollout: nothing waits on a gate.
    assertThat(fx.client.genericKubernetesResources("work.tidewater.io/v1alpha1", "ResourceBinding").inNamespace(ns).withName("app-deployment").get()
        .getMetadata().getAnnotations()).doesNotContainKey("tidewater.io/rollout-stage");
  }

  @Test
  void aParallelRolloutMayNotNameStages() {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("parallel-staged").endMetadata().build()).create();
    Map<String, Object> rollout = new HashMap<>(canaryPaused());
    rollout.put("type", "Parallel");
    var policy = FederationManifests.weightedPolicy("parallel-staged", "contradiction", FederationManifests.evenly(MEMBERS),
        List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment")), true, Map.of("rollout", rollout));
    assertThatThrownBy(() -> fx.client.resource(policy).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.rollout.stages"));
        });
  }

  @Test
  void immediatePlainObjectsReachEveryClusterAtOnceWhileStagedOnesWait() throws Exception {
    String immediate = namespaceWithCanaryPause("immediate", Map.of("plainObjectPropagation", "Immediate"));
    String staged = namespaceWithCanaryPause("staged-config", Map.of());
    for (String ns : List.of(immediate, staged)) {
      fx.client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
          .addToData("color", "blue").build()).create();
    }
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String ns : List.of(immediate, staged)) {
        for (String c : MEMBERS) {
          assertThat(color(ns, c)).as("%s in %s", ns, c).isEqualTo("blue");
        }
      }
    });

    for (String ns : List.of(immediate, staged)) {
      fx.client.configMaps().inNamespace(ns).withName("settings").edit(cm -> {
        cm.getData().put("color", "green");
        return cm;
      });
    }
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String c : MEMBERS) {
        assertThat(color(immediate, c)).as("Immediate in %s", c).isEqualTo("green");
      }
      assertThat(color(staged, "idc-1")).as("Staged in the canary").isEqualTo("green");
    });
    // The staged namespace's canary stage paused until resumed: the change stops there.
    long until = System.nanoTime() + HELD.toNanos();
    while (System.nanoTime() < until) {
      assertThat(color(staged, "idc-2")).as("Staged in idc-2").isEqualTo("blue");
      assertThat(color(staged, "cloud-1")).as("Staged in cloud-1").isEqualTo("blue");
      Thread.sleep(200);
    }
  }

  @Test
  void kubectlRolloutPauseResumeAndRestartWorkOnTheFederation() throws Exception {
    String ns = namespaceWithRollout("kubectl-rollout", Map.of("type", "Parallel"));
    deployAndAwaitEverywhere(ns);
    Kubectl kubectl = new Kubectl(fx.controlPlane.kubeconfig());

    assertThat(kubectl.run("rollout", "pause", "deployment/app", "-n", ns).assertOk().out()).contains("paused");
    kubectl.run("set", "image", "deployment/app", "app=registry.example/app:2", "-n", ns).assertOk();
    // Paused, as in one cluster: the new template is stored, and no member's pods change.
    long until = System.nanoTime() + HELD.toNanos();
    while (System.nanoTime() < until) {
      for (String c : MEMBERS) {
        assertThat(podImages(ns, c)).as("%s while paused", c).containsOnly("registry.example/app:1");
      }
      Thread.sleep(250);
    }

    assertThat(kubectl.run("rollout", "resume", "deployment/app", "-n", ns).assertOk().out()).contains("resumed");
    assertThat(kubectl.run("rollout", "status", "deployment/app", "-n", ns, "--timeout=60s").assertOk().out()).contains("successfully rolled out");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String c : MEMBERS) {
        assertThat(podImages(ns, c)).as(c).containsOnly("registry.example/app:2");
      }
    });

    assertThat(kubectl.run("rollout", "restart", "deployment/app", "-n", ns).assertOk().out()).contains("restarted");
    String restartedAt = fx.client.apps().deployments().inNamespace(ns).withName("app").get().getSpec().getTemplate().getMetadata()
        .getAnnotations().get("kubectl.kubernetes.io/restartedAt");
    assertThat(restartedAt).isNotBlank();
    assertThat(kubectl.run("rollout", "status", "deployment/app", "-n", ns, "--timeout=60s").assertOk().out()).contains("successfully rolled out");
    // Every pod in every member is a new one, from the restarted template.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String c : MEMBERS) {
        try (KubernetesClient m = fx.memberClient(c)) {
          assertThat(m.pods().inNamespace(ns).withLabel("app", "app").list().getItems()).as(c).hasSize(2)
              .allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).containsEntry("kubectl.kubernetes.io/restartedAt", restartedAt));
        }
      }
    });
  }

  /** A namespace whose policy places Deployments and ConfigMaps in thirds, with idc-1 a canary stage paused until resumed. */
  private static String namespaceWithCanaryPause(String ns, Map<String, Object> rolloutExtra) {
    Map<String, Object> rollout = new HashMap<>(canaryPaused());
    rollout.putAll(rolloutExtra);
    return namespaceWithRollout(ns, rollout);
  }

  private static Map<String, Object> canaryPaused() {
    return Map.of(
        "stages", List.of(Map.of("name", "canary", "clusterAffinity", Map.of("clusterNames", List.of("idc-1")),
            "pause", Map.of("untilResumed", true))),
        "healthGate", Map.of("timeout", "5m"));
  }

  /** A namespace whose policy places Deployments and ConfigMaps in thirds over the members, with the given rollout. */
  private static String namespaceWithRollout(String ns, Map<String, Object> rollout) {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    fx.client.resource(FederationManifests.weightedPolicy(ns, "canary-paused", FederationManifests.evenly(MEMBERS),
        List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment"), Map.of("apiVersion", "v1", "kind", "ConfigMap")), true,
        Map.of("rollout", rollout))).create();
    return ns;
  }

  private static void deployAndAwaitEverywhere(String ns) {
    Deployment app = FederationManifests.deployment("app", 6);
    fx.client.apps().deployments().inNamespace(ns).resource(app).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(Bindings.placement(fx.client, ns, "app-deployment")).containsEntry("idc-1", 2).containsEntry("idc-2", 2).containsEntry("cloud-1", 2);
      assertThat(fx.client.apps().deployments().inNamespace(ns).withName("app").get().getStatus().getAvailableReplicas()).isEqualTo(6);
    });
  }

  private static void setImage(String ns, String image) {
    fx.client.apps().deployments().inNamespace(ns).withName("app").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
      return d;
    });
  }

  /** The image of the member's copy of the Deployment. */
  private static String image(String ns, String cluster) throws java.io.IOException {
    try (KubernetesClient m = fx.memberClient(cluster)) {
      Deployment d = m.apps().deployments().inNamespace(ns).withName("app").get();
      return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
  }

  private static List<String> podImages(String ns, String cluster) throws java.io.IOException {
    try (KubernetesClient m = fx.memberClient(cluster)) {
      return m.pods().inNamespace(ns).withLabel("app", "app").list().getItems().stream()
          .map(p -> p.getSpec().getContainers().get(0).getImage()).toList();
    }
  }

  private static String color(String ns, String cluster) throws java.io.IOException {
    try (KubernetesClient m = fx.memberClient(cluster)) {
      ConfigMap cm = m.configMaps().inNamespace(ns).withName("settings").get();
      return cm == null ? null : cm.getData().get("color");
    }
  }
}
