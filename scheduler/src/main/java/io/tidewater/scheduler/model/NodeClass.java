package io.tidewater.scheduler.model;

import java.util.List;
import java.util.Map;

/**
 * An equivalence class of nodes: {@code count} nodes with the same labels, taints and free
 * resources. Estimating over classes costs O(classes), not O(nodes).
 *
 * @param free allocatable minus requests of the pods on one such node
 * @param podsFree pod slots left on one such node
 */
public record NodeClass(
    Map<String, String> labels, List<Taint> taints, boolean unschedulable, Resources allocatable, Resources free, long podsFree, int count) {}
