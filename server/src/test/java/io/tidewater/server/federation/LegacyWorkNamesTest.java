package io.tidewater.server.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Works used to be named after their binding alone ({@code web-deployment}); they are now
 * {@code <namespace>.<binding>}, so that two namespaces' objects of one name do not share a Work. A
 * data directory written before keeps its Works under the old names: such a Work must go on owning
 * its member's objects. The orphan sweep (every second here) must not take them for orphans, and
 * the propagator must update that Work rather than add a second one that would fight it.
 */
class LegacyWorkNamesTest {
  private static final ResourceDefinitionContext WORKS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("Work").withPlural("works").withNamespaced(true).build();
  private static final String NS = "legacy";
  private static final String EXECUTION_NS = "tidewater-es-idc-1";
  private static final String OLD_NAME = "web-deployment";
  private static final String NEW_NAME = "legacy.web-deployment";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static FederationFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = FederationFixture.start(Duration.ofSeconds(1));
    await().atMost(WAIT).until(() -> fx.readyClusters() == 4);
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void aWorkUnderTheEarlierNameKeepsOwningItsObjectsAndIsTheOneUpdated() throws Exception {
    fx.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    fx.client.resource(FederationManifests.weightedPolicy(NS, "to-idc-1", Map.of("idc-1", 1), List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment")),
        true, Map.of("rollout", Map.of("type", "Parallel")))).create();
    fx.client.apps().deployments().inNamespace(NS).resource(FederationManifests.deployment("web", 2)).create();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(image()).isEqualTo("registry.example/web:1");
      assertThat(fx.client.genericKubernetesResources(WORKS).inNamespace(EXECUTION_NS).withName(NEW_NAME).get()).isNotNull();
    });

    // The state an earlier build left: the same Work under the binding's name alone.
    GenericKubernetesResource current = fx.client.genericKubernetesResources(WORKS).inNamespace(EXECUTION_NS).withName(NEW_NAME).get();
    GenericKubernetesResource legacy = new GenericKubernetesResource();
    legacy.setApiVersion(current.getApiVersion());
    legacy.setKind(current.getKind());
    legacy.setMetadata(new ObjectMetaBuilder().withName(OLD_NAME).withNamespace(EXECUTION_NS)
        .withLabels(current.getMetadata().getLabels()).withAnnotations(current.getMetadata().getAnnotations())
        .withFinalizers(current.getMetadata().getFinalizers()).build());
    legacy.setAdditionalProperties(Map.of("spec", current.getAdditionalProperties().get("spec")));
    fx.client.genericKubernetesResources(WORKS).inNamespace(EXECUTION_NS).resource(legacy).create();
    fx.client.genericKubernetesResources(WORKS).inNamespace(EXECUTION_NS).withName(NEW_NAME).delete();
    // Deleting the new-named Work removed the member's Deployment with it; the old-named Work, the
    // binding's one Work now, notices and applies it again.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(workNames()).containsExactly(OLD_NAME);
      assertThat(image()).isEqualTo("registry.example/web:1");
    });

    fx.client.apps().deployments().inNamespace(NS).withName("web").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:2");
      return d;
    });
    await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(image()).isEqualTo("registry.example/web:2"));
    // Several sweeps (an object is removed after two that find it orphaned): it stays, and so does the one Work.
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < until) {
      assertThat(image()).as("the member's copy").isEqualTo("registry.example/web:2");
      assertThat(workNames()).containsExactly(OLD_NAME);
      Thread.sleep(250);
    }
  }

  private static List<String> workNames() {
    return fx.client.genericKubernetesResources(WORKS).inNamespace(EXECUTION_NS)
        .withLabels(Map.of("tidewater.io/binding-namespace", NS, "tidewater.io/binding-name", OLD_NAME)).list().getItems().stream()
        .map(w -> w.getMetadata().getName()).toList();
  }

  private static String image() throws java.io.IOException {
    try (KubernetesClient m = fx.memberClient("idc-1")) {
      Deployment d = m.apps().deployments().inNamespace(NS).withName("web").get();
      return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
  }
}
