package io.tidewater.scheduler;

import io.tidewater.scheduler.estimator.ReservationLedger;
import io.tidewater.scheduler.framework.Admission;
import io.tidewater.scheduler.framework.Candidate;
import io.tidewater.scheduler.framework.ClusterFilter;
import io.tidewater.scheduler.framework.DividePlugin;
import io.tidewater.scheduler.framework.FilterResult;
import io.tidewater.scheduler.framework.ReplicaEstimatePlugin;
import io.tidewater.scheduler.framework.ReservePlugin;
import io.tidewater.scheduler.model.ClusterSelector;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.ClusterState;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.SchedulingRequest;
import io.tidewater.scheduler.plugins.ClusterAffinityFilter;
import io.tidewater.scheduler.plugins.ClusterHealthFilter;
import io.tidewater.scheduler.plugins.ClusterTaintFilter;
import io.tidewater.scheduler.plugins.DeschedulingFilter;
import io.tidewater.scheduler.plugins.DuplicatedDivider;
import io.tidewater.scheduler.plugins.LedgerReserve;
import io.tidewater.scheduler.plugins.NodeCapacityEstimate;
import io.tidewater.scheduler.plugins.TieredDivider;
import io.tidewater.scheduler.plugins.WatermarkEstimate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The federation scheduler: for one workload, filter the fleet's clusters, estimate how many more
 * replicas each can take, divide the replicas, and reserve what was added. A pure function of the
 * snapshots and the request, apart from the reservation ledger it owns.
 */
public final class Scheduler {
  private final List<ClusterFilter> filters;
  private final List<ReplicaEstimatePlugin> estimators;
  private final DividePlugin divided;
  private final DividePlugin duplicated;
  private final List<ReservePlugin> reservers;
  private final ReservationLedger ledger;

  public Scheduler(
      List<ClusterFilter> filters, List<ReplicaEstimatePlugin> estimators, DividePlugin divided, DividePlugin duplicated,
      List<ReservePlugin> reservers, ReservationLedger ledger) {
    this.filters = List.copyOf(filters);
    this.estimators = List.copyOf(estimators);
    this.divided = divided;
    this.duplicated = duplicated;
    this.reservers = List.copyOf(reservers);
    this.ledger = ledger;
  }

  /** The default plugin set. In-flight reservations expire after {@code reservationTtl}. */
  public static Scheduler withDefaults(Clock clock, Duration reservationTtl) {
    ReservationLedger ledger = new ReservationLedger(reservationTtl);
    return new Scheduler(
        List.of(new ClusterHealthFilter(), new ClusterAffinityFilter(), new ClusterTaintFilter(), new DeschedulingFilter()),
        List.of(new NodeCapacityEstimate(ledger, clock), new WatermarkEstimate(ledger, clock)),
        new TieredDivider(),
        new DuplicatedDivider(),
        List.of(new LedgerReserve(ledger, clock)),
        ledger);
  }

  public ReservationLedger ledger() {
    return ledger;
  }

  /** Decides without reserving: for previews and benchmarks of the pure path. */
  public Decision decide(SchedulingRequest request, List<ClusterSnapshot> fleet) {
    List<ClusterSelector> tiers = request.placement().tiers();
    List<Candidate> candidates = new ArrayList<>(fleet.size());
    for (ClusterSnapshot cluster : fleet) {
      ClusterState state = request.state(cluster.name());
      Admission admission = Admission.ACCEPTS;
      String reason = "";
      for (ClusterFilter f : filters) {
        FilterResult r = f.filter(request, cluster);
        if (r.admission().ordinal() > admission.ordinal()) {
          admission = r.admission();
          reason = f.name() + ": " + r.reason();
        }
        if (admission == Admission.EXCLUDED) {
          break;
        }
      }
      if (admission == Admission.EXCLUDED && state.replicas() == 0) {
        continue;
      }
      long capacity = 0;
      if (admission == Admission.ACCEPTS && cluster.ready()) {
        capacity = Long.MAX_VALUE;
        for (ReplicaEstimatePlugin e : estimators) {
          capacity = Math.min(capacity, e.estimate(request, cluster));
          if (capacity == 0) {
            break;
          }
        }
        if (capacity == Long.MAX_VALUE) {
          capacity = Integer.MAX_VALUE;
        }
      }
      candidates.add(new Candidate(cluster, tierOf(tiers, cluster), admission, reason, capacity, state, !cluster.ready()));
    }
    int tierCount = tiers.size();
    return request.placement().division() == Placement.Division.DUPLICATED
        ? duplicated.divide(request, candidates, tierCount)
        : divided.divide(request, candidates, tierCount);
  }

  /**
   * Decides and reserves the room the decision takes, as one step: two decisions made at once by
   * different workers would otherwise both estimate before either reserves, and book the same room
   * twice. A decision costs about a millisecond even on 200 clusters, so serialising them is cheap.
   */
  public synchronized Decision schedule(SchedulingRequest request, List<ClusterSnapshot> fleet) {
    Decision d = decide(request, fleet);
    for (ReservePlugin r : reservers) {
      r.reserve(request, d);
    }
    return d;
  }

  private static int tierOf(List<ClusterSelector> tiers, ClusterSnapshot cluster) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).matches(cluster.info())) {
        return i;
      }
    }
    return tiers.size();
  }
}
