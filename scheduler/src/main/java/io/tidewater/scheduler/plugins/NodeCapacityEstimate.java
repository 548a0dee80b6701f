package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.estimator.NodeClassEstimator;
import io.tidewater.scheduler.estimator.ReservationLedger;
import io.tidewater.scheduler.framework.ReplicaEstimatePlugin;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.time.Clock;

/** What fits on the cluster's nodes, less what in-flight placements will take. */
public final class NodeCapacityEstimate implements ReplicaEstimatePlugin {
  private final ReservationLedger ledger;
  private final Clock clock;

  public NodeCapacityEstimate(ReservationLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "NodeCapacity";
  }

  @Override
  public long estimate(SchedulingRequest request, ClusterSnapshot cluster) {
    long fit = NodeClassEstimator.estimate(cluster, request.pod());
    long held = ledger.reserved(cluster.name(), clock.instant()).replicaEquivalent(request.pod().request());
    return Math.max(0, fit - held);
  }
}
