package io.tidewater.bench.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The federation harnesses' members: simulated clusters registered as Cluster objects, and waiting until they are Ready. */
final class BenchMembers {
  private static final ResourceDefinitionContext CLUSTERS = new ResourceDefinitionContext.Builder()
      .withGroup("cluster.tidewater.io").withVersion("v1alpha1").withKind("Cluster").withPlural("clusters").withNamespaced(false).build();

  private BenchMembers() {}

  /** An idc member of 20 nodes of 16 cores; {@code podLifecycle} (or null for the simulator's defaults) sets its pods' start delays. */
  static void register(KubernetesClient client, String name, Map<String, Object> podLifecycle) {
    Map<String, Object> pool = Map.of("name", "general", "count", 20, "cpu", "16", "memory", "64Gi", "pods", 110);
    Map<String, Object> simulated = new LinkedHashMap<>();
    simulated.put("nodePools", List.of(pool));
    if (podLifecycle != null) {
      simulated.put("podLifecycle", podLifecycle);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("tier", "idc");
    spec.put("watermark", 100);
    spec.put("simulated", simulated);
    GenericKubernetesResource c = new GenericKubernetesResource();
    c.setApiVersion("cluster.tidewater.io/v1alpha1");
    c.setKind("Cluster");
    c.setMetadata(new ObjectMetaBuilder().withName(name).build());
    c.setAdditionalProperties(Map.of("spec", spec));
    client.resource(c).create();
  }

  static void awaitReady(KubernetesClient client, int clusters) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      long ready = client.genericKubernetesResources(CLUSTERS).list().getItems().stream().filter(BenchMembers::ready).count();
      if (ready == clusters) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("members not Ready within 60 s");
  }

  @SuppressWarnings("unchecked")
  private static boolean ready(GenericKubernetesResource cluster) {
    Object status = cluster.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream().map(c -> (Map<String, Object>) c).anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
  }

  /** Policy "all" in {@code ns}: every Deployment, Divided and Weighted (by available replicas) over the members. */
  static GenericKubernetesResource weightedPolicy(String ns) {
    GenericKubernetesResource p = new GenericKubernetesResource();
    p.setApiVersion("policy.tidewater.io/v1alpha1");
    p.setKind("PropagationPolicy");
    p.setMetadata(new ObjectMetaBuilder().withName("all").withNamespace(ns).build());
    p.setAdditionalProperties(Map.of("spec", Map.of(
        "resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment")),
        "placement", Map.of("replicaScheduling", Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Weighted")))));
    return p;
  }
}
