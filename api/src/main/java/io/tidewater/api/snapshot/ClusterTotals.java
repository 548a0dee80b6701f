package io.tidewater.api.snapshot;

/**
 * A member's resources summed over its Ready nodes.
 *
 * @param allocatable allocatable of Ready nodes
 * @param requested requests of non-terminal pods bound to Ready nodes
 * @param available allocatable minus requested
 * @param allocating requests of non-terminal pods not bound to any node yet
 * @param nodes all nodes
 * @param readyNodes nodes whose Ready condition is True
 * @param pods non-terminal pods bound to a node
 * @param pendingPods non-terminal pods not bound to a node
 */
public record ClusterTotals(
    ResourceAmounts allocatable,
    ResourceAmounts requested,
    ResourceAmounts available,
    ResourceAmounts allocating,
    int nodes,
    int readyNodes,
    int pods,
    int pendingPods) {}
