package io.tidewater.simulator.faults;

import io.tidewater.simulator.nodes.NodePools;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for one simulated cluster, and recovery from each fault:
 *
 * <ul>
 *   <li>unreachable: every request to the member's API fails without an answer, and requests in
 *       flight (watches) are cut, as when the network to a cluster goes away;
 *   <li>slow: every request takes extra time before it is served;
 *   <li>nodes lost: nodes' kubelets stop; the nodes go NotReady (Unknown) and are tainted
 *       unreachable, their pods stop progressing and are evicted after the cluster's eviction delay.
 * </ul>
 *
 * The host of the member's API (the fleet) reads the request faults and registers to hear when the
 * cluster becomes unreachable.
 */
public final class ClusterFaults {
  private static final Logger log = LoggerFactory.getLogger(ClusterFaults.class);
  private static final Duration MAX_LATENCY = Duration.ofMinutes(5);

  private final String cluster;
  private final NodePools pools;
  private final List<Runnable> onUnreachable = new CopyOnWriteArrayList<>();
  private volatile boolean unreachable;
  private volatile Duration latency = Duration.ZERO;

  public ClusterFaults(String cluster, NodePools pools) {
    this.cluster = cluster;
    this.pools = pools;
  }

  /** Runs whenever the cluster becomes unreachable, to cut requests already in flight. */
  public void onUnreachable(Runnable r) {
    onUnreachable.add(r);
  }

  public void setUnreachable(boolean value) {
    boolean was = unreachable;
    unreachable = value;
    if (value && !was) {
      log.info("fault injected cluster={} fault=unreachable", cluster);
      onUnreachable.forEach(Runnable::run);
    } else if (!value && was) {
      log.info("fault recovered cluster={} fault=unreachable", cluster);
    }
  }

  public boolean isUnreachable() {
    return unreachable;
  }

  /** Adds {@code extra} to every request (zero to recover); at most five minutes. */
  public void setLatency(Duration extra) {
    if (extra.isNegative() || extra.compareTo(MAX_LATENCY) > 0) {
      throw new IllegalArgumentException("latency must be between 0 and " + MAX_LATENCY + ": " + extra);
    }
    latency = extra;
    log.info("fault {} cluster={} fault=latency millis={}", extra.isZero() ? "recovered" : "injected", cluster, extra.toMillis());
  }

  public Duration latency() {
    return latency;
  }

  /** Loses up to {@code count} nodes of a pool; returns the names of the nodes newly lost. */
  public List<String> loseNodes(String pool, int count) {
    requirePool(pool);
    return pools.setLost(pool, count, true);
  }

  /** Loses every node of a pool. */
  public List<String> loseNodes(String pool) {
    return loseNodes(pool, Integer.MAX_VALUE);
  }

  /** Brings every lost node of a pool back. */
  public List<String> recoverNodes(String pool) {
    requirePool(pool);
    return pools.setLost(pool, Integer.MAX_VALUE, false);
  }

  /** Makes exactly {@code count} nodes of the pool lost, losing or recovering nodes as needed. */
  public void setLostNodes(String pool, int count) {
    requirePool(pool);
    int lost = pools.lostByPool().getOrDefault(pool, 0);
    if (count > lost) {
      pools.setLost(pool, count - lost, true);
    } else if (count < lost) {
      pools.setLost(pool, lost - count, false);
    }
  }

  /** Ends every fault. */
  public void recoverAll() {
    setUnreachable(false);
    if (!latency.isZero()) {
      setLatency(Duration.ZERO);
    }
    for (String pool : pools.lostByPool().keySet()) {
      pools.setLost(pool, Integer.MAX_VALUE, false);
    }
  }

  public FaultState state() {
    return new FaultState(unreachable, latency, pools.lostByPool());
  }

  private void requirePool(String pool) {
    if (!pools.hasPool(pool)) {
      throw new IllegalArgumentException("cluster " + cluster + " has no node pool " + pool);
    }
  }
}
