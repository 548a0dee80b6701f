package io.tidewater.server.federation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 5's invariant checker: watches one workload's pods in every member and, after every pod
 * event from any of them, recomputes the fleet-wide state: unavailable = desired − ready pods that
 * are not terminating, and total = pods that are not terminating (what a ReplicaSet counts against
 * maxSurge). It remembers the worst of each and the first breach.
 *
 * <p>A scale-out during the rollout ({@link #scaledTo}) raises the pod ceiling to the new replicas
 * plus their surge, but not the floor of ready pods: new replicas are unavailable until they start,
 * exactly as in one cluster, while those that served before must keep serving.
 */
final class FleetInvariantChecker implements AutoCloseable {
  private int desired;
  private final int maxUnavailable;
  private int maxSurge;
  /** The replicas the floor of ready pods is measured against: the smallest desired since armed. */
  private int floorDesired;
  private final Map<String, boolean[]> pods = new HashMap<>(); // cluster/name -> {ready, terminating}
  private final List<Watch> watches = new ArrayList<>();
  private int worstUnavailable;
  private int worstTotal;
  private int events;
  private String firstBreach;

  FleetInvariantChecker(int desired, int maxUnavailable, int maxSurge) {
    this.desired = desired;
    this.maxUnavailable = maxUnavailable;
    this.maxSurge = maxSurge;
    this.floorDesired = desired;
  }

  /** The template was scaled to {@code replicas}, whose surge resolves to {@code maxSurge}. */
  synchronized void scaledTo(int replicas, int maxSurge) {
    this.desired = replicas;
    this.maxSurge = maxSurge;
    this.floorDesired = Math.min(floorDesired, replicas);
  }

  /** Starts watching the pods labelled {@code app=<app>} in {@code namespace} of one member. */
  FleetInvariantChecker watch(String cluster, KubernetesClient member, String namespace, String app) {
    var list = member.pods().inNamespace(namespace).withLabel("app", app).list();
    synchronized (this) {
      for (Pod p : list.getItems()) {
        pods.put(cluster + "/" + p.getMetadata().getName(), view(p));
      }
    }
    // From the list's resourceVersion: no event between the list and the watch is missed.
    watches.add(member.pods().inNamespace(namespace).withLabel("app", app).withResourceVersion(list.getMetadata().getResourceVersion())
        .watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.BOOKMARK || action == Action.ERROR || pod.getMetadata().getName() == null) {
          return; // progress notes, not pods
        }
        record(cluster + "/" + pod.getMetadata().getName(), action == Action.DELETED ? null : view(pod));
      }

      @Override
      public void onClose(WatcherException cause) {}
    }));
    return this;
  }

  /** Whether the fleet runs exactly the desired pods, all ready. */
  synchronized boolean settled() {
    return ready() == desired && total() == desired;
  }

  synchronized java.util.Set<String> keys() {
    return new java.util.TreeSet<>(pods.keySet());
  }

  /** Per member: pods not terminating / of them ready / terminating. */
  synchronized String describe() {
    Map<String, int[]> by = new java.util.TreeMap<>();
    pods.forEach((k, v) -> {
      int[] c = by.computeIfAbsent(k.substring(0, k.indexOf('/')), x -> new int[3]);
      if (v[1]) {
        c[2]++;
      } else {
        c[0]++;
        if (v[0]) {
          c[1]++;
        }
      }
    });
    StringBuilder sb = new StringBuilder();
    by.forEach((k, c) -> sb.append(k).append('=').append(c[0]).append('/').append(c[1]).append('/').append(c[2]).append(' '));
    return sb.toString().trim();
  }

  /** Starts counting from the current state (call once every member is watched and the workload has settled). */
  synchronized void arm() {
    worstUnavailable = unavailable();
    worstTotal = total();
    floorDesired = desired;
    events = 0;
    firstBreach = null;
  }

  private synchronized void record(String key, boolean[] view) {
    if (view == null) {
      pods.remove(key);
    } else {
      pods.put(key, view);
    }
    events++;
    int unavailable = unavailable();
    int total = total();
    worstUnavailable = Math.max(worstUnavailable, unavailable);
    worstTotal = Math.max(worstTotal, total);
    if (firstBreach == null && (unavailable > maxUnavailable || total > desired + maxSurge)) {
      firstBreach = "after event " + events + " (" + key + "): unavailable=" + unavailable + " (max " + maxUnavailable + "), pods=" + total
          + " (max " + (desired + maxSurge) + ")";
    }
  }

  private int unavailable() {
    return Math.max(0, floorDesired - ready());
  }

  private int ready() {
    int ready = 0;
    for (boolean[] v : pods.values()) {
      if (v[0] && !v[1]) {
        ready++;
      }
    }
    return ready;
  }

  private int total() {
    int n = 0;
    for (boolean[] v : pods.values()) {
      if (!v[1]) {
        n++;
      }
    }
    return n;
  }

  synchronized int worstUnavailable() {
    return worstUnavailable;
  }

  synchronized int worstTotal() {
    return worstTotal;
  }

  synchronized int events() {
    return events;
  }

  /** The first breach of either invariant, or null. */
  synchronized String firstBreach() {
    return firstBreach;
  }

  private static boolean[] view(Pod p) {
    boolean ready = false;
    if (p.getStatus() != null && p.getStatus().getConditions() != null) {
      for (PodCondition c : p.getStatus().getConditions()) {
        if ("Ready".equals(c.getType())) {
          ready = "True".equals(c.getStatus());
        }
      }
    }
    return new boolean[] {ready, p.getMetadata().getDeletionTimestamp() != null};
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
