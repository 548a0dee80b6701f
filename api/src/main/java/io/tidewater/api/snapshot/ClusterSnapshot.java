package io.tidewater.api.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What one member cluster has, as the scheduler sees it.
 *
 * @param cluster the member's name
 * @param synced whether the node and pod informers had both synced; an unsynced snapshot is
 *     partial and must not be acted on
 * @param generation increases with every node or pod change applied
 * @param takenAt when the snapshot was taken
 */
public record ClusterSnapshot(
    String cluster,
    boolean synced,
    long generation,
    Instant takenAt,
    List<NodeClass> nodeClasses,
    ClusterTotals totals,
    List<GpuCapacity> gpus) {

  public ClusterSnapshot {
    nodeClasses = List.copyOf(nodeClasses);
    gpus = List.copyOf(gpus);
  }
}
