package io.tidewater.simulator;

/** How the node scheduler ranks the nodes a pod fits on, as kube-scheduler's NodeResourcesFit scoring. */
public enum ScoringStrategy {
  /** Prefer the emptiest node: spreads pods (Kubernetes' default). */
  LEAST_ALLOCATED,
  /** Prefer the fullest node that still fits: packs pods (bin packing). */
  MOST_ALLOCATED
}
