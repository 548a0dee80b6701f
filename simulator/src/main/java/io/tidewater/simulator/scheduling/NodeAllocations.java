package io.tidewater.simulator.scheduling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.simulator.pods.PodResources;
import io.tidewater.simulator.pods.Pods;
import java.util.HashMap;
import java.util.Map;

/**
 * What the pods on each node request, kept in memory as kube-scheduler's cache does: rebuilt from
 * the pods at start, updated from every pod event, and ahead of the store for pods the scheduler
 * has just bound ("assumed") until their binding shows up. A pod counts from binding until it is
 * deleted or finishes; terminating pods still count, as their containers still run.
 *
 * <p>Owned by the scheduler; every method is synchronized, and {@link #read} gives the scheduler
 * a consistent view for one whole scheduling attempt.
 */
final class NodeAllocations {
  /** One pod's share of a node. */
  private record Allocation(String node, Map<String, Long> requests, long nonZeroCpu, long nonZeroMemory, boolean assumed) {}

  /** A node's totals; mutable, guarded by the allocations' lock. */
  static final class Usage {
    final Map<String, Long> requested = new HashMap<>();
    long pods;
    long nonZeroCpu;
    long nonZeroMemory;

    long requested(String resource) {
      Long v = requested.get(resource);
      return v == null ? 0 : v;
    }
  }

  private static final Usage EMPTY = new Usage();

  private final Map<String, Allocation> byPod = new HashMap<>();
  private final Map<String, Usage> byNode = new HashMap<>();

  /** Applies a pod's current state; returns true if capacity was freed on some node. */
  synchronized boolean observe(String podKey, ObjectNode pod) {
    if (pod == null || Pods.isTerminal(pod)) {
      return remove(podKey);
    }
    if (!Pods.isBound(pod)) {
      Allocation a = byPod.get(podKey);
      // An assumed binding stays until the store shows it (or it fails and is forgotten).
      return a != null && !a.assumed() && remove(podKey);
    }
    Allocation current = byPod.get(podKey);
    String node = Pods.nodeName(pod);
    if (current != null && !current.assumed() && current.node().equals(node)) {
      return false;
    }
    boolean freed = remove(podKey);
    long[] nz = PodResources.nonZeroCpuMemory(pod);
    add(podKey, new Allocation(node, PodResources.requests(pod), nz[0], nz[1], false));
    return freed;
  }

  synchronized void assume(String podKey, String node, PodNeeds needs) {
    remove(podKey);
    add(podKey, new Allocation(node, needs.requests(), needs.nonZeroCpu(), needs.nonZeroMemory(), true));
  }

  /** Drops an assumed binding that failed. */
  synchronized void forget(String podKey) {
    Allocation a = byPod.get(podKey);
    if (a != null && a.assumed()) {
      remove(podKey);
    }
  }

  private void add(String podKey, Allocation a) {
    byPod.put(podKey, a);
    Usage u = byNode.computeIfAbsent(a.node(), n -> new Usage());
    a.requests().forEach((k, v) -> u.requested.merge(k, v, Long::sum));
    u.pods++;
    u.nonZeroCpu += a.nonZeroCpu();
    u.nonZeroMemory += a.nonZeroMemory();
  }

  private boolean remove(String podKey) {
    Allocation a = byPod.remove(podKey);
    if (a == null) {
      return false;
    }
    Usage u = byNode.get(a.node());
    a.requests().forEach((k, v) -> u.requested.merge(k, -v, Long::sum));
    u.pods--;
    u.nonZeroCpu -= a.nonZeroCpu();
    u.nonZeroMemory -= a.nonZeroMemory();
    if (u.pods == 0) {
      byNode.remove(a.node());
    }
    return true;
  }

  /** Runs {@code reader} with a consistent view of every node's usage. */
  synchronized <T> T read(java.util.function.Function<java.util.function.Function<String, Usage>, T> reader) {
    return reader.apply(node -> {
      Usage u = byNode.get(node);
      return u == null ? EMPTY : u;
    });
  }
}
