package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.work.Work;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage's health gate, read from what the members report (the binding's aggregated status) and
 * what they were asked to run (their Works): every member of the stage with replicas runs the
 * revision, has observed it, has every replica it should update updated, and the stage has at least
 * {@code minAvailablePercent} of its replicas available.
 *
 * <p>Failed and crash-looping pods in the stage's clusters beyond the gate's {@code maxFailedPods}
 * and {@code maxCrashLoopingPods} fail it at once ({@link #brokenPods}).
 */
final class StageGate {
  private StageGate() {}

  /** Why the stage does not pass yet, or null when it passes. */
  static String failing(RolloutStages.Stage stage, Map<String, Integer> targets, ObjectNode binding, List<ObjectNode> works, String revision,
      long generation) {
    Map<String, JsonNode> manifests = manifestsByCluster(works);
    Map<String, JsonNode> statuses = new HashMap<>();
    for (JsonNode a : binding.path("status").path("aggregatedStatus")) {
      statuses.put(a.path("clusterName").asText(), a.path("status"));
    }
    List<String> problems = new ArrayList<>();
    long desired = 0;
    long available = 0;
    for (String cluster : stage.clusters()) {
      int replicas = targets.getOrDefault(cluster, 0);
      if (replicas == 0) {
        continue;
      }
      desired += replicas;
      JsonNode manifest = manifests.get(cluster);
      JsonNode st = statuses.getOrDefault(cluster, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
      available += Math.min(replicas, st.path("availableReplicas").asInt(0));
      if (manifest == null || !revision.equals(PodTemplateHash.on(manifest))) {
        problems.add(cluster + " has not started the revision");
        continue;
      }
      int keep = manifest.path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
      int toUpdate = Math.max(0, replicas - keep);
      if (st.path("observedGeneration").asLong(-1) < generation) {
        problems.add(cluster + " has not observed it");
      } else if (st.path("updatedReplicas").asInt(0) < toUpdate) {
        problems.add(cluster + " updated " + st.path("updatedReplicas").asInt(0) + " of " + toUpdate);
      }
    }
    int minPercent = stage.gate().minAvailablePercent() == null ? 100 : stage.gate().minAvailablePercent();
    long needed = (long) Math.ceil(desired * minPercent / 100.0);
    if (available < needed) {
      problems.add(available + " of " + desired + " replicas available (the gate needs " + minPercent + "%)");
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /**
   * Why a plain object's stage does not pass yet, or null: every member of the stage has applied the
   * revision, and the workloads that use the object have the gate's share of their replicas in the
   * stage available.
   */
  static String failingPlain(RolloutStages.Stage stage, ObjectNode binding, List<ObjectNode> works, String revision, List<ObjectNode> consumers) {
    Map<String, JsonNode> manifests = manifestsByCluster(works);
    Map<String, Boolean> applied = new HashMap<>();
    for (JsonNode a : binding.path("status").path("aggregatedStatus")) {
      applied.put(a.path("clusterName").asText(), a.path("applied").asBoolean(false));
    }
    List<String> problems = new ArrayList<>();
    for (String cluster : stage.clusters()) {
      JsonNode manifest = manifests.get(cluster);
      if (manifest == null || !revision.equals(PodTemplateHash.on(manifest))) {
        problems.add(cluster + " has not received it");
      } else if (!applied.getOrDefault(cluster, false)) {
        problems.add(cluster + " has not applied it");
      }
    }
    int minPercent = stage.gate().minAvailablePercent() == null ? 100 : stage.gate().minAvailablePercent();
    for (ObjectNode consumer : consumers) {
      Map<String, Integer> targets = new HashMap<>();
      for (JsonNode t : consumer.path("spec").path("clusters")) {
        targets.put(t.path("name").asText(), t.path("replicas").asInt(0));
      }
      long desired = 0;
      long available = 0;
      for (JsonNode a : consumer.path("status").path("aggregatedStatus")) {
        String cluster = a.path("clusterName").asText();
        int replicas = targets.getOrDefault(cluster, 0);
        if (stage.clusters().contains(cluster) && replicas > 0) {
          desired += replicas;
          available += Math.min(replicas, a.path("status").path("availableReplicas").asInt(0));
        }
      }
      if (available < (long) Math.ceil(desired * minPercent / 100.0)) {
        problems.add("its user " + consumer.path("spec").path("resource").path("kind").asText() + " "
            + consumer.path("spec").path("resource").path("name").asText() + " has " + available + " of " + desired + " replicas available here");
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /**
   * Why the stage's pods fail its gate outright, or null: more pods in the stage's clusters are
   * {@code Failed} than {@code maxFailedPods}, or restarting in {@code CrashLoopBackOff} than
   * {@code maxCrashLoopingPods}. Pods being deleted are not counted.
   */
  static String brokenPods(RolloutStages.Stage stage, List<ObjectNode> pods) {
    int failed = 0;
    int crashLooping = 0;
    for (ObjectNode p : pods) {
      String cluster = p.path("metadata").path("labels").path(io.tidewater.api.meta.TidewaterLabels.CLUSTER).asText();
      if (!stage.clusters().contains(cluster) || p.path("metadata").hasNonNull("deletionTimestamp")) {
        continue;
      }
      if ("Failed".equals(p.path("status").path("phase").asText())) {
        failed++;
      }
      for (JsonNode c : p.path("status").path("containerStatuses")) {
        if ("CrashLoopBackOff".equals(c.path("state").path("waiting").path("reason").asText())) {
          crashLooping++;
          break;
        }
      }
    }
    int maxFailed = stage.gate().maxFailedPods() == null ? 0 : stage.gate().maxFailedPods();
    int maxCrash = stage.gate().maxCrashLoopingPods() == null ? 0 : stage.gate().maxCrashLoopingPods();
    List<String> problems = new ArrayList<>();
    if (crashLooping > maxCrash) {
      problems.add(crashLooping + " pod(s) crash-looping (the gate allows " + maxCrash + ")");
    }
    if (failed > maxFailed) {
      problems.add(failed + " pod(s) failed (the gate allows " + maxFailed + ")");
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /** Each member's manifest (the first of its Work), by cluster. */
  private static Map<String, JsonNode> manifestsByCluster(List<ObjectNode> works) {
    Map<String, JsonNode> manifests = new HashMap<>();
    for (ObjectNode w : works) {
      manifests.put(Work.clusterOf(ObjectMetas.namespace(w)), w.path("spec").path("workload").path("manifests").path(0));
    }
    return manifests;
  }
}
