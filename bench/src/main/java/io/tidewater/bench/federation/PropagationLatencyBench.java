package io.tidewater.bench.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.tidewater.bench.gateway.Percentiles;
import io.tidewater.server.ControlPlane;
import io.tidewater.server.StoreSpec;
import io.tidewater.server.fleet.FederationControllers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end propagation latency (issue 4's benchmark): a whole Tidewater in this JVM with
 * simulated members reached through the real connector. Deployments are created one after
 * another through fabric8; watches on ResourceBindings and Works time, per Deployment:
 *
 * <ul>
 *   <li>create → scheduled: the binding first carries target clusters;
 *   <li>scheduled → applied: every target cluster's Work reports {@code Applied=True} (the manifest
 *       was server-side applied to the member);
 *   <li>create → applied: both.
 * </ul>
 *
 * <p>Arguments ({@code name=value}): {@code deployments=200 clusters=4 replicas=6 store=memory|embedded}.
 */
public final class PropagationLatencyBench {
  private static final ResourceDefinitionContext BINDINGS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("ResourceBinding").withPlural("resourcebindings").withNamespaced(true).build();
  private static final ResourceDefinitionContext WORKS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("Work").withPlural("works").withNamespaced(true).build();
  private static final String NS = "bench";

  /** Per Deployment: when the binding was scheduled, how many clusters, which have applied. */
  private static final class Timing {
    volatile long scheduledAt;
    volatile int clusters;
    final Set<String> applied = ConcurrentHashMap.newKeySet();
    volatile long appliedAt;
    volatile long lastWorkAt;
    final Set<String> works = ConcurrentHashMap.newKeySet();
    final CountDownLatch done = new CountDownLatch(1);
  }

  private final Map<String, Timing> timings = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("deployments", "200", "clusters", "4", "replicas", "6", "store", "memory"));
    for (String a : args) {
      int eq = a.indexOf('=');
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    new PropagationLatencyBench().run(Integer.parseInt(opts.get("deployments")), Integer.parseInt(opts.get("clusters")),
        Integer.parseInt(opts.get("replicas")), opts.get("store"));
    System.exit(0);
  }

  private void run(int deployments, int clusters, int replicas, String store) throws Exception {
    Path dir = Files.createTempDirectory("tidewater-propagation-bench-");
    ControlPlane.Options options = new ControlPlane.Options(dir, StoreSpec.parse(store), "127.0.0.1", 0, false, List.of(), true, false, 0)
        .withControllers(FederationControllers.Options.defaults());
    try (ControlPlane cp = ControlPlane.start(options);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build()) {
      for (int i = 0; i < clusters; i++) {
        BenchMembers.register(client, "idc-" + i, null);
      }
      BenchMembers.awaitReady(client, clusters);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
      client.resource(BenchMembers.weightedPolicy(NS)).create();
      try (Watch b = client.genericKubernetesResources(BINDINGS).inNamespace(NS).watch(new Handler(this::onBinding));
          Watch w = client.genericKubernetesResources(WORKS).inAnyNamespace().watch(new Handler(this::onWork))) {
        List<Double> toScheduled = new ArrayList<>();
        List<Double> toApplied = new ArrayList<>();
        List<Double> scheduledToApplied = new ArrayList<>();
        List<Double> scheduledToWorks = new ArrayList<>();
        int warmup = Math.min(20, deployments / 5);
        for (int i = 0; i < deployments + warmup; i++) {
          String name = "app-" + i;
          Timing t = timings.computeIfAbsent(name + "-deployment", k -> new Timing());
          long created = System.nanoTime();
          client.apps().deployments().inNamespace(NS).resource(deployment(name, replicas)).create();
          if (!t.done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " was not applied within 30 s (scheduled=" + (t.scheduledAt != 0) + ")");
          }
          if (i >= warmup) {
            toScheduled.add((t.scheduledAt - created) / 1e6);
            toApplied.add((t.appliedAt - created) / 1e6);
            scheduledToApplied.add((t.appliedAt - t.scheduledAt) / 1e6);
            if (t.lastWorkAt != 0) {
              scheduledToWorks.add((t.lastWorkAt - t.scheduledAt) / 1e6);
            }
          }
        }
        System.out.printf("propagation latency: %d Deployments (after %d warm-up), %d replicas each, %d simulated members, store=%s%n",
            deployments, warmup, replicas, clusters, store);
        System.out.println("  create -> binding scheduled:   " + Percentiles.of(array(toScheduled)).format("ms"));
        System.out.println("  binding scheduled -> Works:    " + Percentiles.of(array(scheduledToWorks)).format("ms"));
        System.out.println("  binding scheduled -> applied:  " + Percentiles.of(array(scheduledToApplied)).format("ms"));
        System.out.println("  create -> applied everywhere:  " + Percentiles.of(array(toApplied)).format("ms"));
      }
    }
  }

  private void onBinding(GenericKubernetesResource b) {
    Object clusters = spec(b).get("clusters");
    if (clusters instanceof List<?> l && !l.isEmpty()) {
      Timing t = timings.computeIfAbsent(b.getMetadata().getName(), k -> new Timing());
      if (t.scheduledAt == 0) {
        t.clusters = l.size();
        t.scheduledAt = System.nanoTime();
      }
    }
  }

  private void onWork(GenericKubernetesResource w) {
    Map<String, String> labels = w.getMetadata().getLabels();
    if (labels == null || !NS.equals(labels.get("tidewater.io/binding-namespace"))) {
      return;
    }
    Timing t = timings.get(labels.get("tidewater.io/binding-name"));
    if (t == null || t.scheduledAt == 0) {
      return;
    }
    if (t.works.add(labels.get("tidewater.io/cluster")) && t.works.size() >= t.clusters) {
      t.lastWorkAt = System.nanoTime();
    }
    if (!applied(w)) {
      return;
    }
    t.applied.add(labels.get("tidewater.io/cluster"));
    if (t.applied.size() >= t.clusters && t.appliedAt == 0) {
      t.appliedAt = System.nanoTime();
      t.done.countDown();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource r) {
    Object s = r.getAdditionalProperties().get("spec");
    return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static boolean applied(GenericKubernetesResource w) {
    Object status = w.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    for (Object c : conditions) {
      Map<String, Object> m = (Map<String, Object>) c;
      if ("Applied".equals(m.get("type"))) {
        return "True".equals(m.get("status"));
      }
    }
    return false;
  }

  private static double[] array(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** Feeds ADDED and MODIFIED objects to a handler. */
  private record Handler(java.util.function.Consumer<GenericKubernetesResource> onChange) implements Watcher<GenericKubernetesResource> {
    @Override
    public void eventReceived(Action action, GenericKubernetesResource resource) {
      if (action == Action.ADDED || action == Action.MODIFIED) {
        onChange.accept(resource);
      }
    }

    @Override
    public void onClose(WatcherException cause) {}
  }
}
