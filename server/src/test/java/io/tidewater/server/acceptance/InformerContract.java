package io.tidewater.server.acceptance;

import static io.tidewater.server.acceptance.Manifests.deploymentJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.tidewater.server.acceptance.RunningControlPlane.Response;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * fabric8 and client-java informers on deployments: they see adds, updates and deletes, and after
 * a forced compaction (every watch ended with 410) they relist a bounded number of times, converge
 * on the true state, and keep working. Subclasses run it on each store.
 */
abstract class InformerContract {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  /** One relist per 410 is expected; a couple more tolerate a retry racing the compaction. */
  private static final int MAX_RELISTS_AFTER_COMPACTION = 3;

  protected String ns;

  protected abstract RunningControlPlane server();

  @BeforeEach
  void namespace(TestInfo info) {
    String method = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    ns = "inf" + (method.length() > 45 ? method.substring(0, 45) : method);
    server().createNamespace(ns);
  }

  private String deploys() {
    return "/apis/apps/v1/namespaces/" + ns + "/deployments";
  }

  /** One observed notification. */
  record Seen(String type, String name, long replicas) {}

  /** Counts the informer's list and watch requests on this test's deployments. */
  final class RequestCounter {
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger watches = new AtomicInteger();

    void count(String method, URI uri) {
      if (!method.equals("GET") || !uri.getPath().equals(deploys())) {
        return;
      }
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      if (query.contains("watch=true") || query.contains("watch=1")) {
        watches.incrementAndGet();
      } else {
        lists.incrementAndGet();
      }
    }
  }

  /** The same informer driven through either client library. */
  interface Informer extends AutoCloseable {
    boolean synced();

    /** name to resourceVersion, from the informer's cache. */
    Map<String, String> cache();

    List<Seen> seen();

    @Override
    void close();
  }

  // ------------------------------------------------------------------ the two clients

  Informer fabric8(RequestCounter counter) throws Exception {
    Interceptor counting = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counter.count(request.method(), request.uri());
      }
    };
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(server().kubeconfig())))
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counting))
        .build();
    List<Seen> seen = new CopyOnWriteArrayList<>();
    var informer = client.apps().deployments().inNamespace(ns).inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment d) {
        seen.add(new Seen("ADD", d.getMetadata().getName(), d.getSpec().getReplicas()));
      }

      @Override
      public void onUpdate(Deployment old, Deployment d) {
        seen.add(new Seen("UPDATE", d.getMetadata().getName(), d.getSpec().getReplicas()));
      }

      @Override
      public void onDelete(Deployment d, boolean unknownFinalState) {
        seen.add(new Seen("DELETE", d.getMetadata().getName(), d.getSpec().getReplicas()));
      }
    }, 0);
    return new Informer() {
      @Override
      public boolean synced() {
        return informer.hasSynced();
      }

      @Override
      public Map<String, String> cache() {
        Map<String, String> m = new TreeMap<>();
        informer.getStore().list().forEach(d -> m.put(d.getMetadata().getName(), d.getMetadata().getResourceVersion()));
        return m;
      }

      @Override
      public List<Seen> seen() {
        return List.copyOf(seen);
      }

      @Override
      public void close() {
        informer.close();
        client.close();
      }
    };
  }

  Informer clientJava(RequestCounter counter) throws Exception {
    ApiClient api;
    try (Reader r = Files.newBufferedReader(server().kubeconfig())) {
      api = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(r)).build();
    }
    api.setHttpClient(api.getHttpClient().newBuilder()
        .readTimeout(0, TimeUnit.SECONDS)
        .addInterceptor(chain -> {
          counter.count(chain.request().method(), chain.request().url().uri());
          return chain.proceed(chain.request());
        })
        .build());
    SharedInformerFactory factory = new SharedInformerFactory(api);
    GenericKubernetesApi<V1Deployment, V1DeploymentList> deployments =
        new GenericKubernetesApi<>(V1Deployment.class, V1DeploymentList.class, "apps", "v1", "deployments", api);
    var informer = factory.sharedIndexInformerFor(deployments, V1Deployment.class, 0, ns);
    List<Seen> seen = new CopyOnWriteArrayList<>();
    informer.addEventHandler(new io.kubernetes.client.informer.ResourceEventHandler<>() {
      @Override
      public void onAdd(V1Deployment d) {
        seen.add(new Seen("ADD", d.getMetadata().getName(), d.getSpec().getReplicas()));
      }

      @Override
      public void onUpdate(V1Deployment old, V1Deployment d) {
        seen.add(new Seen("UPDATE", d.getMetadata().getName(), d.getSpec().getReplicas()));
      }

      @Override
      public void onDelete(V1Deployment d, boolean unknownFinalState) {
        seen.add(new Seen("DELETE", d.getMetadata().getName(), d.getSpec().getReplicas()));
      }
    });
    factory.startAllRegisteredInformers();
    return new Informer() {
      @Override
      public boolean synced() {
        return informer.hasSynced();
      }

      @Override
      public Map<String, String> cache() {
        Map<String, String> m = new TreeMap<>();
        informer.getIndexer().list().forEach(d -> m.put(d.getMetadata().getName(), d.getMetadata().getResourceVersion()));
        return m;
      }

      @Override
      public List<Seen> seen() {
        return List.copyOf(seen);
      }

      @Override
      public void close() {
        factory.stopAllRegisteredInformers();
      }
    };
  }

  // ------------------------------------------------------------------ helpers

  private void create(String name, int replicas) {
    Response r = server().post(deploys(), deploymentJson(ns, name, replicas, "nginx:1.25"));
    assertThat(r.code()).as(r.toString()).isEqualTo(201);
  }

  private void scale(String name, int replicas) {
    Response r = server().send("PATCH", deploys() + "/" + name, "application/merge-patch+json", "{\"spec\":{\"replicas\":" + replicas + "}}");
    assertThat(r.code()).as(r.toString()).isEqualTo(200);
  }

  private void delete(String name) {
    assertThat(server().delete(deploys() + "/" + name).code()).isEqualTo(200);
  }

  /** name to resourceVersion, as the server has it now. */
  private Map<String, String> truth() {
    Map<String, String> m = new TreeMap<>();
    for (JsonNode d : server().get(deploys()).json().get("items")) {
      m.put(d.at("/metadata/name").asText(), d.at("/metadata/resourceVersion").asText());
    }
    return m;
  }

  private void seesAddUpdateDelete(Supplier<Informer> start) {
    create("existing", 1);
    try (Informer informer = start.get()) {
      await().atMost(CONVERGE).until(informer::synced);
      await().atMost(CONVERGE).until(() -> informer.cache().containsKey("existing"));
      create("web", 2);
      await().atMost(CONVERGE).until(() -> informer.seen().contains(new Seen("ADD", "web", 2)));
      scale("web", 5);
      await().atMost(CONVERGE).until(() -> informer.seen().contains(new Seen("UPDATE", "web", 5)));
      delete("web");
      await().atMost(CONVERGE).until(() -> informer.seen().stream().anyMatch(s -> s.type().equals("DELETE") && s.name().equals("web")));
      assertThat(informer.seen().stream().filter(s -> s.name().equals("web")).map(Seen::type).toList())
          .containsExactly("ADD", "UPDATE", "DELETE");
      assertThat(informer.seen()).contains(new Seen("ADD", "existing", 1));
      assertThat(informer.cache()).isEqualTo(truth());
    }
  }

  private void survivesForcedCompaction(java.util.function.Function<RequestCounter, Informer> start) {
    for (int i = 0; i < 4; i++) {
      create("d" + i, 1);
    }
    RequestCounter counter = new RequestCounter();
    try (Informer informer = start.apply(counter)) {
      await().atMost(CONVERGE).until(() -> informer.synced() && informer.cache().equals(truth()));
      await().atMost(CONVERGE).until(() -> counter.watches.get() >= 1);
      scale("d0", 2);
      await().atMost(CONVERGE).until(() -> informer.cache().equals(truth()));
      int listsBefore = counter.lists.get();
      int watchesBefore = counter.watches.get();

      server().compact(true);
      // Changes made while the informer is relisting must not be lost.
      create("d4", 1);
      scale("d1", 3);
      delete("d2");

      await().atMost(CONVERGE).until(() -> informer.cache().equals(truth()));
      await().atMost(CONVERGE).until(() -> counter.lists.get() > listsBefore);
      assertThat(counter.lists.get() - listsBefore).as("relists after one compaction").isBetween(1, MAX_RELISTS_AFTER_COMPACTION);

      // Still working: a later change arrives through the new watch, with no further relists.
      create("d5", 4);
      await().atMost(CONVERGE).until(() -> informer.seen().contains(new Seen("ADD", "d5", 4)));
      scale("d5", 6);
      await().atMost(CONVERGE).until(() -> informer.cache().equals(truth()));
      assertThat(informer.cache().keySet()).containsExactly("d0", "d1", "d3", "d4", "d5");
      assertThat(counter.lists.get() - listsBefore).as("relists, no 410 loop").isBetween(1, MAX_RELISTS_AFTER_COMPACTION);
      assertThat(counter.watches.get() - watchesBefore).as("watch restarts").isBetween(1, MAX_RELISTS_AFTER_COMPACTION + 1);
    }
  }

  private static <T> T unchecked(ThrowingSupplier<T> s) {
    try {
      return s.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void fabric8InformerSeesAddUpdateAndDelete() {
    seesAddUpdateDelete(() -> unchecked(() -> fabric8(new RequestCounter())));
  }

  @Test
  void clientJavaInformerSeesAddUpdateAndDelete() {
    seesAddUpdateDelete(() -> unchecked(() -> clientJava(new RequestCounter())));
  }

  @Test
  void fabric8InformerSurvivesForcedCompactionByRelisting() {
    survivesForcedCompaction(c -> unchecked(() -> fabric8(c)));
  }

  @Test
  void clientJavaInformerSurvivesForcedCompactionByRelisting() {
    survivesForcedCompaction(c -> unchecked(() -> clientJava(c)));
  }
}
