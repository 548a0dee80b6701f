package io.tidewater.bench.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tidewater.server.ControlPlane;
import io.tidewater.server.StoreSpec;
import io.tidewater.server.fleet.FederationControllers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollout duration (issue 5's benchmark): one Deployment of {@code replicas} over {@code clusters}
 * simulated members with the same per-pod start latency, its image changed, timed from the change
 * until exactly {@code replicas} pods run the new image in the members, all ready (read through
 * the Cluster Gateway's merged pod list). Fleet-Root (one global
 * maxSurge/maxUnavailable budget) against the naive copy of the strategy into every member
 * ({@code tidewater.io/fleet-rollout: Off}), alternating, {@code runs} times each. While a rollout
 * runs, the harness samples the pods every 200 ms and reports the most replicas short of ready it
 * saw (the template allows 25%).
 *
 * <p>Arguments ({@code name=value}): {@code replicas=1000 clusters=10 runs=2 startup=500ms ready=500ms}.
 */
public final class RolloutDurationBench {
  private static final String NS = "bench";

  private record Result(String mode, double seconds, int worstUnavailable) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("replicas", "1000", "clusters", "10", "runs", "2", "startup", "500ms", "ready", "500ms"));
    for (String a : args) {
      int eq = a.indexOf('=');
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    run(Integer.parseInt(opts.get("replicas")), Integer.parseInt(opts.get("clusters")), Integer.parseInt(opts.get("runs")), opts.get("startup"),
        opts.get("ready"));
    System.exit(0);
  }

  private static void run(int replicas, int clusters, int runs, String startup, String ready) throws Exception {
    Path dir = Files.createTempDirectory("tidewater-rollout-bench-");
    ControlPlane.Options options = new ControlPlane.Options(dir, StoreSpec.parse("memory"), "127.0.0.1", 0, false, List.of(), true, false, 0)
        .withControllers(FederationControllers.Options.defaults());
    try (ControlPlane cp = ControlPlane.start(options);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build()) {
      Map<String, Object> lifecycle = Map.of("startupDelay", startup, "readyDelay", ready, "terminationDelay", "100ms");
      for (int i = 0; i < clusters; i++) {
        BenchMembers.register(client, "idc-" + i, lifecycle);
      }
      BenchMembers.awaitReady(client, clusters);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
      client.resource(BenchMembers.weightedPolicy(NS)).create(); // one tier, so one stage
      client.apps().deployments().inNamespace(NS).resource(deployment("fleetroot", replicas, false)).create();
      client.apps().deployments().inNamespace(NS).resource(deployment("naive", replicas, true)).create();
      awaitDone(client, "fleetroot", replicas, null, null);
      awaitDone(client, "naive", replicas, null, null);
      List<Result> results = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        for (String name : List.of("fleetroot", "naive")) {
          String image = "registry.example/app:" + (r + 2);
          long start = System.nanoTime();
          client.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return d;
          });
          int[] worst = {0};
          awaitDone(client, name, replicas, image, worst);
          double seconds = (System.nanoTime() - start) / 1e9;
          results.add(new Result(name, seconds, worst[0]));
          System.out.printf("  %-9s run %d: %.1f s, at most %d unavailable (allowed %d)%n", name, r + 1, seconds, worst[0], replicas / 4);
        }
      }
      double fleetRoot = results.stream().filter(x -> x.mode().equals("fleetroot")).mapToDouble(Result::seconds).average().orElse(0);
      double naive = results.stream().filter(x -> x.mode().equals("naive")).mapToDouble(Result::seconds).average().orElse(0);
      System.out.printf("rollout duration: %d replicas over %d simulated members, pods start in %s + ready in %s, maxSurge/maxUnavailable 25%%%n",
          replicas, clusters, startup, ready);
      System.out.printf("  Fleet-Root %.1f s, naive %.1f s (mean of %d): Fleet-Root takes %+.1f%%%n", fleetRoot, naive, runs,
          (fleetRoot / naive - 1) * 100);
    }
  }

  /**
   * Polls the members' pods (through the Cluster Gateway's merged list) until exactly
   * {@code replicas} pods run {@code image} (any image when null), all ready; records the most
   * replicas short of ready it saw.
   */
  private static void awaitDone(KubernetesClient client, String name, int replicas, String image, int[] worst) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(15).toNanos();
    while (System.nanoTime() < deadline) {
      int live = 0;
      int ready = 0;
      int current = 0;
      for (Pod p : client.pods().inNamespace(NS).withLabel("app", name).list().getItems()) {
        if (p.getMetadata().getDeletionTimestamp() != null) {
          continue;
        }
        live++;
        boolean isReady = p.getStatus() != null && p.getStatus().getConditions() != null
            && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (isReady) {
          ready++;
          if (image == null || image.equals(p.getSpec().getContainers().get(0).getImage())) {
            current++;
          }
        }
      }
      if (worst != null) {
        worst[0] = Math.max(worst[0], replicas - ready);
      }
      if (live == replicas && current == replicas) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not finish its rollout within 15 minutes");
  }

  private static Deployment deployment(String name, int replicas, boolean naive) {
    Deployment d = new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example/app:1")
        .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
    if (naive) {
      d.getMetadata().setAnnotations(Map.of("tidewater.io/fleet-rollout", "Off"));
    }
    return d;
  }
}
