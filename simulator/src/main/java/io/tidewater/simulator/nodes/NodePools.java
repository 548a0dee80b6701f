package io.tidewater.simulator.nodes;

import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.SimulatedClusterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster's nodes match its pool specs: a pool grows by adding the next ordinals and
 * shrinks from the highest; a pool whose node shape changed re-renders its nodes (same names and
 * uids); a pool that is gone takes its nodes with it. Also takes nodes away and gives them back,
 * for the "nodes lost" fault.
 */
public final class NodePools {
  private static final Logger log = LoggerFactory.getLogger(NodePools.class);

  private final String clusterName;
  private final NodeBook book;
  private final Clock clock;
  private final Map<String, Integer> poolIndexes = new HashMap<>();
  private final Map<String, NodeTemplate> templates = new HashMap<>();
  private String templateKey = "";

  public NodePools(String clusterName, NodeBook book, Clock clock) {
    this.clusterName = clusterName;
    this.book = book;
    this.clock = clock;
  }

  /** Brings the nodes in line with {@code spec}; returns how many nodes changed. */
  public synchronized int apply(SimulatedClusterSpec spec) {
    String clusterShape = spec.kubernetesVersion() + "|" + spec.region() + "|" + spec.zone();
    boolean clusterChanged = !clusterShape.equals(templateKey);
    templateKey = clusterShape;
    Map<String, NodeTemplate> next = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (NodePoolSpec pool : spec.nodePools()) {
      counts.put(pool.name(), pool.count());
      NodeTemplate existing = templates.get(pool.name());
      if (existing != null && !clusterChanged && existing.pool().sameNodesAs(pool)) {
        next.put(pool.name(), existing); // only the count changed: nodes need no re-render
      } else {
        int index = poolIndexes.computeIfAbsent(pool.name(), n -> poolIndexes.size());
        next.put(pool.name(), new NodeTemplate(clusterName, pool, index, spec.kubernetesVersion(), spec.region(), spec.zone()));
      }
    }
    long now = clock.instant().getEpochSecond();
    Map<String, List<NodeRecord>> byPool = new HashMap<>();
    for (NodeRecord r : book.snapshot()) {
      if (r.pool() != null) {
        byPool.computeIfAbsent(r.pool(), p -> new ArrayList<>()).add(r);
      }
    }
    List<NodeBook.Change> changes = new ArrayList<>();
    for (Map.Entry<String, List<NodeRecord>> e : byPool.entrySet()) {
      NodeTemplate t = next.get(e.getKey());
      for (NodeRecord r : e.getValue()) {
        if (t == null || r.ordinal() >= counts.get(e.getKey())) {
          changes.add(NodeBook.Change.of(r.name(), null));
        } else if (r.template() != t) {
          changes.add(NodeBook.Change.of(r.name(), retemplated(r, t)));
        }
      }
    }
    for (NodeTemplate t : next.values()) {
      boolean[] present = new boolean[counts.get(t.pool().name())];
      for (NodeRecord r : byPool.getOrDefault(t.pool().name(), List.of())) {
        if (r.ordinal() < present.length) {
          present[r.ordinal()] = true;
        }
      }
      for (int i = 0; i < present.length; i++) {
        if (!present[i] && book.get(t.nodeName(i)) == null) {
          changes.add(NodeBook.Change.of(t.nodeName(i), NodeRecord.fromTemplate(t, i, now)));
        }
      }
    }
    templates.clear();
    templates.putAll(next);
    book.commit(changes);
    if (!changes.isEmpty()) {
      log.info("node pools applied cluster={} pools={} nodes={} changed={}", clusterName, next.size(), book.size(), changes.size());
    }
    return changes.size();
  }

  private static NodeRecord retemplated(NodeRecord r, NodeTemplate t) {
    return new NodeRecord(
        r.name(), t, r.ordinal(), r.uidHigh(), r.uidLow(), r.createdSecond(), r.revision(), r.unschedulable(), r.lost(), r.conditionSecond(),
        r.override(), r.overrideProfile());
  }

  /**
   * Marks up to {@code count} nodes of a pool lost (their kubelets stop: Ready goes Unknown) or
   * recovered; returns the names of the nodes that changed.
   */
  public synchronized List<String> setLost(String pool, int count, boolean lost) {
    long now = clock.instant().getEpochSecond();
    List<NodeBook.Change> changes = new ArrayList<>();
    for (NodeRecord r : book.snapshot()) {
      if (changes.size() >= count) {
        break;
      }
      if (Objects.equals(r.pool(), pool) && r.lost() != lost) {
        changes.add(NodeBook.Change.of(r.name(), r.withLost(lost, now)));
      }
    }
    book.commit(changes);
    List<String> names = changes.stream().map(NodeBook.Change::name).toList();
    if (!names.isEmpty()) {
      log.info("nodes {} cluster={} pool={} count={}", lost ? "lost" : "recovered", clusterName, pool, names.size());
    }
    return names;
  }

  /** The pools' names and how many of each pool's nodes are lost. */
  public synchronized Map<String, Integer> lostByPool() {
    Map<String, Integer> lost = new HashMap<>();
    for (NodeRecord r : book.snapshot()) {
      if (r.pool() != null && r.lost()) {
        lost.merge(r.pool(), 1, Integer::sum);
      }
    }
    return lost;
  }

  public synchronized boolean hasPool(String pool) {
    return templates.containsKey(pool);
  }
}
