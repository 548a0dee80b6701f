package io.tidewater.apiserver.builtin.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Hands out cluster IPs from the service range and node ports from the node-port range, avoiding
 * those existing Services hold ({@link ServiceAddressesInUse}) and those this process handed out
 * recently but the server may not see yet (a create still in flight). Like Kubernetes, dynamic IPs
 * come from the upper part of the range first, leaving the lower part for addresses users pick.
 *
 * <p>Reservations only protect against races inside one process; API server replicas sharing a
 * store would need the reservation kept in the store, as Kubernetes' allocator bitmap is.
 */
public final class ServiceAddressAllocator {
  public static final int DEFAULT_NODE_PORT_MIN = 30000;
  public static final int DEFAULT_NODE_PORT_MAX = 32767;

  /** Long enough for a create to reach the store and the server's view of it. */
  static final Duration RESERVATION = Duration.ofMinutes(2);

  private static final int RANDOM_TRIES = 64;

  private final Ipv4Range range;
  private final int nodePortMin;
  private final int nodePortMax;
  private final ServiceAddressesInUse inUse;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, Instant> reservedIps = new HashMap<>();
  private final Map<Integer, Instant> reservedPorts = new HashMap<>();

  public ServiceAddressAllocator(
      Ipv4Range range, int nodePortMin, int nodePortMax, ServiceAddressesInUse inUse, Clock clock, RandomGenerator random) {
    if (nodePortMin < 1 || nodePortMax > 65535 || nodePortMin > nodePortMax) {
      throw new IllegalArgumentException("bad node port range " + nodePortMin + "-" + nodePortMax);
    }
    this.range = range;
    this.nodePortMin = nodePortMin;
    this.nodePortMax = nodePortMax;
    this.inUse = inUse;
    this.clock = clock;
    this.random = random;
  }

  /** Kubernetes' defaults: 10.96.0.0/12 and node ports 30000-32767. */
  public ServiceAddressAllocator(ServiceAddressesInUse inUse) {
    this(Ipv4Range.DEFAULT_SERVICE_RANGE, DEFAULT_NODE_PORT_MIN, DEFAULT_NODE_PORT_MAX, inUse, Clock.systemUTC(), RandomGenerator.getDefault());
  }

  public Ipv4Range range() {
    return range;
  }

  /**
   * A free cluster IP, now reserved.
   *
   * @throws IllegalStateException "range is full" when none is left
   */
  public synchronized String allocateClusterIp() {
    Set<String> used = inUse.clusterIps();
    purge(reservedIps, used);
    long size = range.size();
    long staticBand = Math.min(Math.max(16, size / 16), 256);
    long dynamicSize = size - 1 - staticBand;
    for (int i = 0; i < RANDOM_TRIES && dynamicSize > 0; i++) {
      String ip = range.address(staticBand + random.nextLong(dynamicSize));
      if (free(ip, used)) {
        return reserve(reservedIps, ip);
      }
    }
    for (long offset = 1; offset < size - 1; offset++) {
      String ip = range.address(offset);
      if (free(ip, used)) {
        return reserve(reservedIps, ip);
      }
    }
    throw new IllegalStateException("range is full");
  }

  /** Reserves a cluster IP a user asked for; empty when done, else Kubernetes' reason it cannot be. */
  public synchronized Optional<String> reserveClusterIp(String ip) {
    if (!range.containsUsable(ip)) {
      return Optional.of("the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + range);
    }
    Set<String> used = inUse.clusterIps();
    purge(reservedIps, used);
    if (!free(ip, used)) {
      return Optional.of("provided IP is already allocated");
    }
    reserve(reservedIps, ip);
    return Optional.empty();
  }

  /**
   * A free node port, now reserved.
   *
   * @throws IllegalStateException "range is full" when none is left
   */
  public synchronized int allocateNodePort() {
    Set<Integer> used = inUse.nodePorts();
    purge(reservedPorts, used);
    int size = nodePortMax - nodePortMin + 1;
    for (int i = 0; i < RANDOM_TRIES; i++) {
      int port = nodePortMin + random.nextInt(size);
      if (!used.contains(port) && !reservedPorts.containsKey(port)) {
        return reserve(reservedPorts, port);
      }
    }
    for (int port = nodePortMin; port <= nodePortMax; port++) {
      if (!used.contains(port) && !reservedPorts.containsKey(port)) {
        return reserve(reservedPorts, port);
      }
    }
    throw new IllegalStateException("range is full");
  }

  /**
   * Reserves a node port a user asked for.
   *
   * @param ownedBefore ports the same Service already held (an update keeps them)
   * @return empty when done, else Kubernetes' reason it cannot be
   */
  public synchronized Optional<String> reserveNodePort(int port, Set<Integer> ownedBefore) {
    if (port < nodePortMin || port > nodePortMax) {
      return Optional.of("provided port is not in the valid range. The range of valid ports is " + nodePortMin + "-" + nodePortMax);
    }
    if (ownedBefore.contains(port)) {
      return Optional.empty();
    }
    Set<Integer> used = inUse.nodePorts();
    purge(reservedPorts, used);
    if (used.contains(port) || reservedPorts.containsKey(port)) {
      return Optional.of("provided port is already allocated");
    }
    reserve(reservedPorts, port);
    return Optional.empty();
  }

  private boolean free(String ip, Set<String> used) {
    return !used.contains(ip) && !reservedIps.containsKey(ip);
  }

  private <T> T reserve(Map<T, Instant> reserved, T value) {
    reserved.put(value, clock.instant().plus(RESERVATION));
    return value;
  }

  /** Drops reservations that expired or that the server now sees as held anyway. */
  private <T> void purge(Map<T, Instant> reserved, Set<T> used) {
    Instant now = clock.instant();
    reserved.entrySet().removeIf(e -> e.getValue().isBefore(now) || used.contains(e.getKey()));
  }
}
