package io.tidewater.scheduler.estimator;

import io.tidewater.scheduler.model.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * In-flight placements: replicas a decision assigned to a cluster that its snapshot does not show
 * yet. Estimates subtract them, so two quick decisions never book the same room twice. Each entry is
 * level-triggered — the workload's pending count in a cluster is set, not added — and expires if
 * never observed (a pod that never appears must not hold room forever).
 *
 * <p>Thread-safe: the ledger owns its map and guards it with its monitor.
 */
public final class ReservationLedger {
  private record Entry(long replicas, Resources perReplica, Instant since) {}

  private final Map<String, Map<String, Entry>> byCluster = new HashMap<>();
  private final Duration ttl;

  public ReservationLedger(Duration ttl) {
    this.ttl = ttl;
  }

  /** Sets how many of {@code workload}'s replicas in {@code cluster} are placed but not yet observed. */
  public synchronized void setPending(String cluster, String workload, long replicas, Resources perReplica, Instant now) {
    Map<String, Entry> m = byCluster.computeIfAbsent(cluster, k -> new HashMap<>());
    if (replicas <= 0) {
      m.remove(workload);
    } else {
      Entry prev = m.get(workload);
      // Keep the original time while the same or fewer replicas are pending: expiry counts from the decision.
      Instant since = prev != null && prev.replicas >= replicas ? prev.since : now;
      m.put(workload, new Entry(replicas, perReplica, since));
    }
  }

  /** Forgets a workload everywhere (it was deleted). */
  public synchronized void release(String workload) {
    byCluster.values().forEach(m -> m.remove(workload));
  }

  /** Total resources reserved in a cluster, dropping expired entries. */
  public synchronized Reserved reserved(String cluster, Instant now) {
    Map<String, Entry> m = byCluster.get(cluster);
    if (m == null || m.isEmpty()) {
      return Reserved.NONE;
    }
    m.values().removeIf(e -> e.since.plus(ttl).isBefore(now));
    Resources total = Resources.NONE;
    long pods = 0;
    for (Entry e : m.values()) {
      total = total.plus(e.perReplica.times(e.replicas));
      pods += e.replicas;
    }
    return new Reserved(total, pods);
  }

  public synchronized long pending(String cluster, String workload) {
    Map<String, Entry> m = byCluster.get(cluster);
    Entry e = m == null ? null : m.get(workload);
    return e == null ? 0 : e.replicas;
  }

  /** Resources and pod slots held by in-flight placements. */
  public record Reserved(Resources resources, long pods) {
    public static final Reserved NONE = new Reserved(Resources.NONE, 0);

    /**
     * How many replicas of {@code request} the reservation stands for: the most constrained
     * requested resource, rounded up (or the pod count when nothing is requested).
     */
    public long replicaEquivalent(Resources request) {
      long n = 0;
      boolean any = false;
      for (var e : request.amounts().entrySet()) {
        if (e.getValue() > 0) {
          any = true;
          long held = resources.get(e.getKey());
          n = Math.max(n, (held + e.getValue() - 1) / e.getValue());
        }
      }
      return any ? n : pods;
    }
  }
}
