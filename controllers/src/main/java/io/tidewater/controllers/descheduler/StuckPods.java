package io.tidewater.controllers.descheduler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.informer.MemberInformer;
import io.tidewater.member.informer.MemberResource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, in one member, the pods the member's own scheduler has failed to place for longer than a
 * threshold ({@code PodScheduled=False}, reason {@code Unschedulable}, as kube-scheduler reports
 * it) and traces each back, through its ReplicaSet and Deployment, to the binding Tidewater
 * propagated it from. Only Deployments are traced: moving a StatefulSet's replicas would change
 * which ordinals run where, which is the ShardedSet controller's business.
 */
final class StuckPods {
  private StuckPods() {}

  /**
   * Stuck pods of one member workload.
   *
   * @param pods pods stuck longer than the threshold
   * @param memberReplicas the member Deployment's {@code spec.replicas}, to tell whether it has
   *     caught up with the share the binding gives it
   * @param settled the member's controller has observed the Deployment's latest spec
   */
  record Stuck(int pods, int memberReplicas, boolean settled) {}

  /** Binding id ({@code <namespace>.<binding>}) to its pods stuck in this member; empty until the informers have synced. */
  static Map<String, Stuck> count(MemberConnector member, Instant stuckBefore) {
    MemberInformer<Pod> pods = member.informer(MemberResource.PODS);
    MemberInformer<ReplicaSet> replicaSets = member.informer(MemberResource.REPLICASETS);
    MemberInformer<Deployment> deployments = member.informer(MemberResource.DEPLOYMENTS);
    Map<String, Stuck> out = new HashMap<>();
    // Never act on a cache that has not synced: a missing owner would look like a foreign pod.
    if (!pods.hasSynced() || !replicaSets.hasSynced() || !deployments.hasSynced()) {
      return out;
    }
    for (Pod pod : pods.list()) {
      if (!stuck(pod, stuckBefore)) {
        continue;
      }
      String ns = pod.getMetadata().getNamespace();
      owner(pod, "ReplicaSet")
          .flatMap(rs -> replicaSets.get(ns, rs))
          .flatMap(rs -> owner(rs, "Deployment"))
          .flatMap(d -> deployments.get(ns, d))
          .ifPresent(d -> {
            String binding = d.getMetadata().getLabels() == null ? null : d.getMetadata().getLabels().get(TidewaterLabels.BINDING);
            if (binding != null) {
              int replicas = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
              boolean settled = d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                  && d.getStatus().getObservedGeneration().equals(d.getMetadata().getGeneration())
                  && d.getStatus().getReplicas() != null && d.getStatus().getReplicas() == replicas; // not mid-scale or mid-rollout
              out.merge(binding, new Stuck(1, replicas, settled), (a, b) -> new Stuck(a.pods() + b.pods(), a.memberReplicas(), a.settled()));
            }
          });
    }
    return out;
  }

  static boolean stuck(Pod pod, Instant stuckBefore) {
    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    if (pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
      return false;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())) {
        try {
          return c.getLastTransitionTime() != null && !Instant.parse(c.getLastTransitionTime()).isAfter(stuckBefore);
        } catch (DateTimeParseException e) {
          return false;
        }
      }
    }
    return false;
  }

  private static Optional<String> owner(HasMetadata o, String kind) {
    if (o.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    for (OwnerReference r : o.getMetadata().getOwnerReferences()) {
      if (kind.equals(r.getKind()) && Boolean.TRUE.equals(r.getController())) {
        return Optional.of(r.getName());
      }
    }
    return Optional.empty();
  }
}
