package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.estimator.ReservationLedger;
import io.tidewater.scheduler.framework.ReservePlugin;
import io.tidewater.scheduler.model.ClusterState;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.time.Clock;

/**
 * Reserves what a decision adds: for each cluster, the replicas above what the member reports,
 * until its status shows them. The controller refreshes the same entries as status arrives.
 */
public final class LedgerReserve implements ReservePlugin {
  private final ReservationLedger ledger;
  private final Clock clock;

  public LedgerReserve(ReservationLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "ReservationLedger";
  }

  @Override
  public void reserve(SchedulingRequest request, Decision decision) {
    for (Decision.Target t : decision.targets()) {
      ClusterState s = request.state(t.cluster());
      long added = t.replicas() - Math.max(s.replicas(), 0);
      long pending = Math.max(0, ledger.pending(t.cluster(), request.key()) + Math.max(0, added));
      if (added < 0) {
        pending = Math.max(0, Math.min(pending, t.replicas()));
      }
      ledger.setPending(t.cluster(), request.key(), pending, request.pod().request(), clock.instant());
    }
  }
}
