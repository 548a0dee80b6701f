package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, scenario 5: a ConfigMap change goes through the same stages as a workload, gated on the
 * workloads that use it. The canary cluster's user of the ConfigMap is unhealthy (an override gives
 * it a crash-looping image there), so the change stops at the canary; once that workload is healthy
 * the second stage gets the change.
 */
class StagedConfigTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> MEMBERS = List.of("idc-1", "idc-2", "cloud-1");
  private static final String NS = "config";
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
  void theSecondStageDoesNotGetAConfigChangeUntilTheFirstIsHealthy() throws Exception {
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    // Deployments and ConfigMaps in thirds; idc-1 is the canary stage; gates wait up to 5 minutes.
    fx.client.resource(FederationManifests.weightedPolicy(NS, "canary-first", FederationManifests.evenly(MEMBERS),
        List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment"), Map.of("apiVersion", "v1", "kind", "ConfigMap")), true, Map.of("rollout", Map.of(
            "stages", List.of(Map.of("name", "canary", "clusterAffinity", Map.of("clusterNames", List.of("idc-1")))),
            "healthGate", Map.of("timeout", "5m"))))).create();
    fx.client.resource(crashLoopInCanary()).create();
    fx.client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("color", "blue").build()).create();
    Deployment app = FederationManifests.deployment("app", 6);
    app.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().setRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")));
    app.getSpec().getTemplate().getSpec().getContainers().get(0).setEnvFrom(List.of(new EnvFromSourceBuilder()
        .withNewConfigMapRef().withName("settings").endConfigMapRef().build()));
    fx.client.apps().deployments().inNamespace(NS).resource(app).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      for (String c : MEMBERS) {
        assertThat(color(c)).as("%s: %s", c, fx.client.genericKubernetesResources("work.tidewater.io/v1alpha1", "ResourceBinding").inNamespace(NS)
            .withName("settings-configmap").get()).isEqualTo("blue");
      }
      // 2 of 6 run in the canary, crash-looping there; the other 4 are available.
      assertThat(Bindings.placement(fx.client, NS, "app-deployment")).containsEntry("idc-1", 2).containsEntry("idc-2", 2).containsEntry("cloud-1", 2);
      assertThat(fx.client.apps().deployments().inNamespace(NS).withName("app").get().getStatus().getAvailableReplicas()).isEqualTo(4);
    });

    fx.client.configMaps().inNamespace(NS).withName("settings").edit(cm -> {
      cm.getData().put("color", "green");
      return cm;
    });
    // The canary gets the change; its user there is not healthy, so the next stage waits.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> "green".equals(color("idc-1")));
    for (int i = 0; i < 12; i++) {
      Thread.sleep(250);
      assertThat(color("idc-2")).as("second stage while the first is unhealthy").isEqualTo("blue");
      assertThat(color("cloud-1")).as("second stage while the first is unhealthy").isEqualTo("blue");
    }

    // The canary's user becomes healthy: the gate opens and the rest get the change.
    fx.client.genericKubernetesResources("policy.tidewater.io/v1alpha1", "OverridePolicy").inNamespace(NS).withName("crashloop-in-canary").delete();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(fx.client.apps().deployments().inNamespace(NS).withName("app").get().getStatus().getAvailableReplicas()).isEqualTo(6);
      for (String c : MEMBERS) {
        assertThat(color(c)).as(c).isEqualTo("green");
      }
    });
  }

  private static String color(String cluster) throws java.io.IOException {
    try (KubernetesClient m = fx.memberClient(cluster)) {
      ConfigMap cm = m.configMaps().inNamespace(NS).withName("settings").get();
      return cm == null ? null : cm.getData().get("color");
    }
  }

  /** The app's image in idc-1 comes from a registry whose images crash-loop in the simulator. */
  private static GenericKubernetesResource crashLoopInCanary() {
    GenericKubernetesResource o = new GenericKubernetesResource();
    o.setApiVersion("policy.tidewater.io/v1alpha1");
    o.setKind("OverridePolicy");
    o.setMetadata(new ObjectMetaBuilder().withName("crashloop-in-canary").withNamespace(NS).build());
    o.setAdditionalProperties(Map.of("spec", Map.of(
        "resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "app")),
        "overrideRules", List.of(Map.of(
            "targetCluster", Map.of("clusterNames", List.of("idc-1")),
            "overriders", Map.of("imageOverrider", List.of(Map.of("component", "Registry", "operator", "replace", "value", "crashloop.example"))))))));
    return o;
  }
}
