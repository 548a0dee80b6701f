package io.tidewater.api.snapshot;

import java.util.List;
import java.util.Map;

/**
 * Nodes that are interchangeable for scheduling: the same labels (apart from per-node ones such as
 * {@code kubernetes.io/hostname}), taints, allocatable resources and schedulability.
 *
 * @param id a stable digest of the class's labels, taints, allocatable and schedulability
 * @param allocatable the allocatable resources of each node of the class
 * @param ready the nodes' Ready condition is True
 * @param schedulable the nodes are Ready and not cordoned ({@code spec.unschedulable})
 * @param nodes how many nodes the class has
 * @param requested the requests of non-terminal pods bound to the class's nodes, summed
 * @param free allocatable times nodes minus requested
 * @param freeByNode the class's nodes grouped by their free resources, for per-node fitting
 * @param gpuType the GPU model of the class's nodes (label {@code nvidia.com/gpu.product}), or null
 */
public record NodeClass(
    String id,
    Map<String, String> labels,
    List<NodeTaint> taints,
    ResourceAmounts allocatable,
    boolean ready,
    boolean schedulable,
    int nodes,
    ResourceAmounts requested,
    ResourceAmounts free,
    List<FreeCapacity> freeByNode,
    String gpuType) {

  public NodeClass {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    freeByNode = List.copyOf(freeByNode);
  }
}
