package io.tidewater.simulator;

import io.tidewater.api.quantity.Quantities;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A group of identical simulated nodes.
 *
 * @param name the pool's name; nodes are named {@code <cluster>-<pool>-<ordinal>}
 * @param count how many nodes the pool has
 * @param cpu each node's allocatable CPU as a Kubernetes quantity ("64", "95500m")
 * @param memory each node's allocatable memory as a quantity ("256Gi")
 * @param maxPods each node's pod capacity
 * @param gpus each node's {@code nvidia.com/gpu} count
 * @param gpuType the GPU model, published as the node label {@code nvidia.com/gpu.product}
 * @param labels extra labels on every node
 * @param taints taints on every node
 */
public record NodePoolSpec(
    String name, int count, String cpu, String memory, int maxPods, int gpus, String gpuType, Map<String, String> labels, List<NodeTaint> taints) {

  public static final int DEFAULT_MAX_PODS = 110;

  public NodePoolSpec {
    Objects.requireNonNull(name, "name");
    if (count < 0) {
      throw new IllegalArgumentException("pool " + name + ": count must be 0 or more");
    }
    Quantities.parse(cpu);
    Quantities.parse(memory);
    if (maxPods <= 0) {
      maxPods = DEFAULT_MAX_PODS;
    }
    if (gpus < 0) {
      throw new IllegalArgumentException("pool " + name + ": gpus must be 0 or more");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    taints = taints == null ? List.of() : List.copyOf(taints);
  }

  /** A pool of plain nodes with the default pod capacity. */
  public static NodePoolSpec of(String name, int count, String cpu, String memory) {
    return new NodePoolSpec(name, count, cpu, memory, DEFAULT_MAX_PODS, 0, null, Map.of(), List.of());
  }

  public NodePoolSpec withCount(int n) {
    return new NodePoolSpec(name, n, cpu, memory, maxPods, gpus, gpuType, labels, taints);
  }

  public NodePoolSpec withMaxPods(int n) {
    return new NodePoolSpec(name, count, cpu, memory, n, gpus, gpuType, labels, taints);
  }

  public NodePoolSpec withGpus(int n, String type) {
    return new NodePoolSpec(name, count, cpu, memory, maxPods, n, type, labels, taints);
  }

  public NodePoolSpec withLabels(Map<String, String> l) {
    return new NodePoolSpec(name, count, cpu, memory, maxPods, gpus, gpuType, l, taints);
  }

  public NodePoolSpec withTaints(List<NodeTaint> t) {
    return new NodePoolSpec(name, count, cpu, memory, maxPods, gpus, gpuType, labels, t);
  }

  /** Whether two specs describe the same nodes apart from how many there are. */
  public boolean sameNodesAs(NodePoolSpec other) {
    return withCount(0).equals(other.withCount(0));
  }
}
