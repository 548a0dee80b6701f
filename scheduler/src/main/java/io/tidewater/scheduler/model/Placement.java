package io.tidewater.scheduler.model;

import java.util.List;

/**
 * Where a workload may go and how its replicas are divided: the scheduler's compiled form of a
 * propagation policy's placement.
 *
 * @param affinity which clusters are candidates
 * @param tolerations cluster taints the workload tolerates
 * @param tiers ordered tiers: fill the first before the next; scale in and come home from the last
 * @param spread spread constraints, applied before tier order
 * @param division how replicas are split
 * @param staticWeights weights for {@link Division#WEIGHTED_STATIC}
 */
public record Placement(
    ClusterSelector affinity, List<Toleration> tolerations, List<ClusterSelector> tiers, List<SpreadConstraint> spread, Division division,
    List<StaticWeight> staticWeights) {

  public enum Division {
    /** Every selected cluster runs all replicas. */
    DUPLICATED,
    /** Fill as few clusters as possible within each tier. */
    AGGREGATED,
    /** Split within each tier in proportion to what each cluster can take. */
    WEIGHTED_DYNAMIC,
    /** Split within each tier by static weights. */
    WEIGHTED_STATIC
  }

  /** A spread constraint: between {@code minGroups} and {@code maxGroups} distinct values of {@code field}. */
  public record SpreadConstraint(String field, int minGroups, int maxGroups) {}

  public record StaticWeight(ClusterSelector clusters, long weight) {}

  /** Self-built first: idc, then cloud, weighted by available capacity. */
  public static Placement selfBuiltFirst() {
    return new Placement(
        ClusterSelector.ANY, List.of(), List.of(ClusterSelector.tier("idc"), ClusterSelector.tier("cloud")), List.of(), Division.WEIGHTED_DYNAMIC,
        List.of());
  }
}
