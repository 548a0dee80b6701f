package io.tidewater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tidewater.apiserver.tls.TlsMaterial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fabric8, as the member connector uses it: list, watch and inform pods, server-side apply with field manager tidewater. */
class Fabric8MemberTest {
  @TempDir Path dir;

  private static Deployment deployment(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("shop").withNamespace("default").endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector().withMatchLabels(Map.of("app", "shop")).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(Map.of("app", "shop")).endMetadata()
        .withNewSpec().addNewContainer().withName("shop").withImage("shop:1").endContainer().endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void listWatchInformAndServerSideApply() throws Exception {
    try (Fleet fleet = Fleet.start(Fleet.Options.tls(TlsMaterial.loadOrCreate(dir.resolve("tls"), List.of())))) {
      fleet.ensure("member", SimulatedClusterSpec.of(NodePoolSpec.of("general", 2, "8", "32Gi")).withPodTimings(PodTimings.FAST));
      KubeconfigEntry entry = fleet.kubeconfigEntry("member").orElseThrow();
      Config config = new ConfigBuilder(Config.empty())
          .withMasterUrl(entry.server())
          .withCaCertData(java.util.Base64.getEncoder().encodeToString(entry.caPem().getBytes()))
          .withOauthToken(entry.token())
          .build();
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName()).containsExactly("member-general-0", "member-general-1");

        List<String> watched = new CopyOnWriteArrayList<>();
        Set<String> informed = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace("default").inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            informed.add(pod.getMetadata().getName());
          }

          @Override
          public void onUpdate(Pod oldPod, Pod newPod) {
            informed.add(newPod.getMetadata().getName());
          }

          @Override
          public void onDelete(Pod pod, boolean unknown) {
            informed.remove(pod.getMetadata().getName());
          }
        });
        try (var watch = client.pods().inNamespace("default").watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            watched.add(action + " " + pod.getMetadata().getName() + " " + pod.getStatus().getPhase());
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
          Deployment applied = client.apps().deployments().inNamespace("default").resource(deployment(2))
              .fieldManager("tidewater").forceConflicts().serverSideApply();
          assertThat(applied.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("tidewater");
            assertThat(m.getOperation()).isEqualTo("Apply");
          });
          await().atMost(Duration.ofSeconds(20)).until(() -> available(client) == 2);
          List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "shop").list().getItems();
          assertThat(pods).hasSize(2).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getSpec().getNodeName()).startsWith("member-general-");
          });
          await().atMost(Duration.ofSeconds(10)).until(() -> watched.stream().filter(e -> e.endsWith("Running")).count() >= 2);
          assertThat(watched).anySatisfy(e -> assertThat(e).startsWith("ADDED"));

          client.apps().deployments().inNamespace("default").resource(deployment(3)).fieldManager("tidewater").forceConflicts().serverSideApply();
          await().atMost(Duration.ofSeconds(20)).until(() -> available(client) == 3);
          await().atMost(Duration.ofSeconds(10)).until(() -> informed.size() == 3);
        } finally {
          informer.close();
        }
      }
    }
  }

  private static int available(KubernetesClient client) {
    Deployment d = client.apps().deployments().inNamespace("default").withName("shop").get();
    Integer a = d == null || d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    return a == null ? 0 : a;
  }
}
