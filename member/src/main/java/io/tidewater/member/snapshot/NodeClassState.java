package io.tidewater.member.snapshot;

import io.tidewater.api.snapshot.FreeCapacity;
import io.tidewater.api.snapshot.NodeClass;
import io.tidewater.api.snapshot.ResourceAmounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running aggregate of one node class: node count, summed requests, and how many nodes have
 * each distinct free vector. Every change is O(number of resources); owned by the tracker's lock.
 */
final class NodeClassState {
  final NodeClassKey key;
  final String id;
  int nodes;
  final Map<String, Long> requested = new TreeMap<>();
  private final Map<ResourceAmounts, Integer> nodesByFree = new HashMap<>();

  NodeClassState(NodeClassKey key) {
    this.key = key;
    this.id = key.id();
  }

  void addNode(ResourceAmounts nodeRequested) {
    nodes++;
    addRequested(nodeRequested, 1);
    nodesByFree.merge(free(nodeRequested), 1, Integer::sum);
  }

  void removeNode(ResourceAmounts nodeRequested) {
    nodes--;
    addRequested(nodeRequested, -1);
    dropFree(free(nodeRequested));
  }

  /** One of this class's nodes went from {@code before} to {@code after} requested. */
  void changeNode(ResourceAmounts before, ResourceAmounts after) {
    addRequested(before, -1);
    addRequested(after, 1);
    dropFree(free(before));
    nodesByFree.merge(free(after), 1, Integer::sum);
  }

  private void dropFree(ResourceAmounts free) {
    nodesByFree.computeIfPresent(free, (k, n) -> n <= 1 ? null : n - 1);
  }

  private void addRequested(ResourceAmounts amounts, int sign) {
    amounts.amounts().forEach((k, v) -> requested.merge(k, sign * v, (a, b) -> a + b == 0 ? null : a + b));
  }

  private ResourceAmounts free(ResourceAmounts nodeRequested) {
    return key.allocatable().minus(nodeRequested);
  }

  NodeClass toRecord() {
    ResourceAmounts req = ResourceAmounts.of(requested);
    List<FreeCapacity> byNode = new ArrayList<>(nodesByFree.size());
    nodesByFree.forEach((free, n) -> byNode.add(new FreeCapacity(free, n)));
    byNode.sort(Comparator.comparingInt(FreeCapacity::nodes).reversed().thenComparing(f -> f.free().amounts().toString()));
    return new NodeClass(
        id, key.labels(), key.taints(), key.allocatable(), key.ready(), key.schedulable(), nodes, req,
        key.allocatable().times(nodes).minus(req), byNode, key.gpuType());
  }
}
