package io.tidewater.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.AccessTokenAuthentication;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.testing.GatewayFixture;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stock informers, fabric8's and client-java's, on the federation's pods hold an exact replica of
 * the merged view (every pod at the same resourceVersion as a fresh list) through 5,000 pod events
 * across four members, and through one member going down and coming back.
 */
class InformerReplicaTest {
  static final List<String> CLUSTERS = List.of("m1", "m2", "m3", "m4");

  @Test
  void informersHoldAnExactReplicaThroughChurnAndAnOutage() throws Exception {
    try (GatewayFixture fx = GatewayFixture.start(CLUSTERS, GatewayOptions.defaults());
        KubernetesClient fabric8 = fx.fabric8();
        ExecutorService churners = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("churn-", 0).factory())) {
      var fabric8Informer = fabric8.pods().inAnyNamespace().inform();
      ApiClient javaClient = new ClientBuilder()
          .setBasePath(fx.url())
          .setAuthentication(new AccessTokenAuthentication(GatewayFixture.TOKEN))
          .setReadTimeout(Duration.ZERO)
          .build();
      CoreV1Api core = new CoreV1Api(javaClient);
      SharedInformerFactory factory = new SharedInformerFactory(javaClient);
      var javaInformer = factory.sharedIndexInformerFor(
          params -> core.listPodForAllNamespaces()
              .resourceVersion(params.resourceVersion)
              .timeoutSeconds(params.timeoutSeconds)
              .watch(params.watch)
              .allowWatchBookmarks(true)
              .buildCall(null),
          V1Pod.class, V1PodList.class);
      factory.startAllRegisteredInformers();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> fabric8Informer.hasSynced() && javaInformer.hasSynced());

        // 5,000 pod events: per member 500 creates, 400 status updates, 350 deletes, all members at once.
        List<Future<?>> churn = new ArrayList<>();
        for (String c : CLUSTERS) {
          churn.add(churners.submit(() -> churn(fx.member(c), "churn", 500, 400, 350)));
        }
        for (Future<?> f : churn) {
          f.get(120, TimeUnit.SECONDS);
        }
        Map<String, String> afterChurn = awaitReplicas(fx, fabric8Informer, javaInformer);
        assertThat(afterChurn).hasSize(CLUSTERS.size() * 150);

        // m4 goes away: its pods leave both replicas while the others keep changing.
        fx.member("m4").stop();
        List<Future<?>> during = new ArrayList<>();
        for (String c : List.of("m1", "m2", "m3")) {
          during.add(churners.submit(() -> churn(fx.member(c), "outage", 60, 30, 20)));
        }
        for (Future<?> f : during) {
          f.get(120, TimeUnit.SECONDS);
        }
        Map<String, String> withoutM4 = awaitReplicas(fx, fabric8Informer, javaInformer, m -> m.keySet().stream().noneMatch(k -> k.contains("/m4.")));
        assertThat(withoutM4).hasSize(3 * 150 + 3 * 40);

        // m4 comes back, and is followed again.
        fx.member("m4").restart();
        churn(fx.member("m4"), "back", 10, 0, 0);
        Map<String, String> recovered = awaitReplicas(fx, fabric8Informer, javaInformer, m -> m.keySet().stream().filter(k -> k.contains("/m4.")).count() == 160);
        assertThat(recovered).hasSize(4 * 150 + 3 * 40 + 10);
      } finally {
        factory.stopAllRegisteredInformers();
        fabric8Informer.close();
      }
    }
  }

  /** Creates, updates (phase) and deletes pods on one member, each a single pod event. */
  static Void churn(TestMemberCluster member, String prefix, int creates, int updates, int deletes) {
    for (int i = 0; i < creates; i++) {
      member.create(TestMemberCluster.PODS, TestObjects.pod("default", prefix + "-" + i, "n1", "10m", "16Mi"));
    }
    for (int i = 0; i < updates; i++) {
      member.updateStatus(TestMemberCluster.PODS, "default", prefix + "-" + i, p -> {
        p.with("status").put("phase", "Running");
        return p;
      });
    }
    for (int i = 0; i < deletes; i++) {
      member.delete(TestMemberCluster.PODS, "default", prefix + "-" + (creates - 1 - i));
    }
    return null;
  }

  @SafeVarargs
  static Map<String, String> awaitReplicas(
      GatewayFixture fx, io.fabric8.kubernetes.client.informers.SharedIndexInformer<Pod> fabric8Informer,
      io.kubernetes.client.informer.SharedIndexInformer<V1Pod> javaInformer,
      java.util.function.Predicate<Map<String, String>>... extra) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      Map<String, String> fresh = new TreeMap<>();
      fx.get("/api/v1/pods").json().path("items").forEach(
          i -> fresh.put(i.at("/metadata/namespace").asText() + "/" + i.at("/metadata/name").asText(), i.at("/metadata/resourceVersion").asText()));
      Map<String, String> f8 = new TreeMap<>();
      fabric8Informer.getStore().list().forEach(p -> f8.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p.getMetadata().getResourceVersion()));
      Map<String, String> java = new TreeMap<>();
      javaInformer.getIndexer().list().forEach(p -> java.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p.getMetadata().getResourceVersion()));
      boolean extraOk = true;
      for (var e : extra) {
        extraOk &= e.test(fresh);
      }
      return extraOk && fresh.equals(f8) && fresh.equals(java) ? fresh : null;
    }, m -> m != null);
  }
}
