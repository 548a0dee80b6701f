package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.estimator.ReservationLedger;
import io.tidewater.scheduler.framework.ReplicaEstimatePlugin;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.Resources;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.time.Clock;

/**
 * A cluster's admission ceiling: above {@code watermark}% of allocatable no new workload is placed
 * there. A workload that already runs in the cluster may still scale, so the cap applies only to
 * workloads with no replicas there yet.
 */
public final class WatermarkEstimate implements ReplicaEstimatePlugin {
  private final ReservationLedger ledger;
  private final Clock clock;

  public WatermarkEstimate(ReservationLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "Watermark";
  }

  @Override
  public long estimate(SchedulingRequest request, ClusterSnapshot cluster) {
    int wm = cluster.info().watermarkPercent();
    if (wm >= 100 || wm <= 0 || request.state(cluster.name()).replicas() > 0) {
      return Long.MAX_VALUE;
    }
    Resources ceiling = cluster.allocatable().percent(wm);
    Resources used = cluster.requested().plus(ledger.reserved(cluster.name(), clock.instant()).resources());
    Resources room = ceiling.minus(used);
    return room.fits(request.pod().request().isEmpty() ? Resources.NONE : request.pod().request());
  }
}
