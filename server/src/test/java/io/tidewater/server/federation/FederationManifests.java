package io.tidewater.server.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects the federation scenarios apply: a 2-core Deployment and a Divided policy for Deployments. */
final class FederationManifests {
  private FederationManifests() {}

  /** {@code replicas} pods of 2 cores and 1Gi each: an acceptance-fleet idc member (5 × 8 cores) holds 20. */
  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("2")).addToRequests("memory", new Quantity("1Gi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** Policy "all" in {@code ns}: every Deployment, Divided and Aggregated (self-built first by default). */
  static GenericKubernetesResource dividedPolicy(String ns, Boolean propagateDeps) {
    GenericKubernetesResource policy = new GenericKubernetesResource();
    policy.setApiVersion("policy.tidewater.io/v1alpha1");
    policy.setKind("PropagationPolicy");
    policy.setMetadata(new ObjectMetaBuilder().withName("all").withNamespace(ns).build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment")));
    spec.put("placement", Map.of("replicaScheduling", Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Aggregated")));
    if (propagateDeps != null) {
      spec.put("propagateDeps", propagateDeps);
    }
    policy.setAdditionalProperties(Map.of("spec", spec));
    return policy;
  }

  /** Policy "by-room" in {@code ns}: every Deployment, self-built first, spread within a tier by the room each member has. */
  static GenericKubernetesResource byRoomPolicy(String ns) {
    GenericKubernetesResource p = new GenericKubernetesResource();
    p.setApiVersion("policy.tidewater.io/v1alpha1");
    p.setKind("PropagationPolicy");
    p.setMetadata(new ObjectMetaBuilder().withName("by-room").withNamespace(ns).build());
    p.setAdditionalProperties(Map.of("spec", Map.of(
        "resourceSelectors", List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment")),
        "placement", Map.of(
            "replicaScheduling", Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Weighted",
                "weightPreference", Map.of("dynamicWeight", "AvailableReplicas"))))));
    return p;
  }

  /**
   * Issue 5 scenario 2's Deployment: 1.5-core pods (an idc member of 5 × 8 cores holds 25, so 40
   * plus a surge of 10 fill the idc tier exactly), {@code maxSurge=25%, maxUnavailable=0}, and
   * {@code minReadySeconds: 1} so that each wave takes a moment and "halfway" is observable.
   */
  static Deployment surgeDeployment(String name, int replicas) {
    Deployment d = deployment(name, replicas);
    d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
        .setRequests(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("1Gi")));
    d.getSpec().setMinReadySeconds(1);
    d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(0))
        .withMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString("25%")).endRollingUpdate().build());
    return d;
  }

  /**
   * A PropagationPolicy dividing replicas by static weights. {@code oneTier} limits it to the
   * weighted clusters, in one tier named "all" (otherwise the default tiers, idc then cloud, apply);
   * {@code extra} adds spec fields such as {@code rollout}.
   */
  static GenericKubernetesResource weightedPolicy(String ns, String name, Map<String, Integer> weights, List<Map<String, Object>> selectors,
      boolean oneTier, Map<String, Object> extra) {
    List<Map<String, Object>> weightList = new java.util.ArrayList<>();
    weights.forEach((c, w) -> weightList.add(Map.of("targetCluster", Map.of("clusterNames", List.of(c)), "weight", w)));
    Map<String, Object> placement = new LinkedHashMap<>();
    if (oneTier) {
      placement.put("clusterAffinity", Map.of("clusterNames", new java.util.ArrayList<>(weights.keySet())));
      placement.put("tiers", List.of(Map.of("name", "all", "clusterNames", new java.util.ArrayList<>(weights.keySet()))));
    }
    placement.put("replicaScheduling", Map.of("replicaSchedulingType", "Divided", "replicaDivisionPreference", "Weighted",
        "weightPreference", Map.of("staticWeightList", weightList)));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("resourceSelectors", selectors);
    spec.put("placement", placement);
    spec.putAll(extra);
    GenericKubernetesResource p = new GenericKubernetesResource();
    p.setApiVersion("policy.tidewater.io/v1alpha1");
    p.setKind("PropagationPolicy");
    p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    p.setAdditionalProperties(Map.of("spec", spec));
    return p;
  }

  /** Equal weights for the given clusters, in their order. */
  static Map<String, Integer> evenly(List<String> clusters) {
    Map<String, Integer> w = new LinkedHashMap<>();
    clusters.forEach(c -> w.put(c, 1));
    return w;
  }

  static final List<Map<String, Object>> DEPLOYMENTS = List.of(Map.of("apiVersion", "apps/v1", "kind", "Deployment"));
}
