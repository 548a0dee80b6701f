package io.tidewater.scheduler.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amount of each resource, in canonical integer units: {@code cpu} in millicores, memory and
 * storage in bytes, extended resources ({@code nvidia.com/gpu}) in units. Immutable.
 */
public final class Resources {
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String GPU = "nvidia.com/gpu";
  public static final Resources NONE = new Resources(Map.of());

  private final Map<String, Long> amounts;

  private Resources(Map<String, Long> amounts) {
    this.amounts = amounts;
  }

  public static Resources of(Map<String, Long> amounts) {
    Map<String, Long> copy = new TreeMap<>();
    amounts.forEach((k, v) -> {
      if (v != null && v != 0) {
        copy.put(k, v);
      }
    });
    return copy.isEmpty() ? NONE : new Resources(Collections.unmodifiableMap(copy));
  }

  public static Resources cpuMemory(long cpuMilli, long memoryBytes) {
    return of(Map.of(CPU, cpuMilli, MEMORY, memoryBytes));
  }

  public long get(String resource) {
    return amounts.getOrDefault(resource, 0L);
  }

  public Map<String, Long> amounts() {
    return amounts;
  }

  public boolean isEmpty() {
    return amounts.isEmpty();
  }

  public Resources plus(Resources o) {
    Map<String, Long> m = new HashMap<>(amounts);
    o.amounts.forEach((k, v) -> m.merge(k, v, Long::sum));
    return of(m);
  }

  public Resources minus(Resources o) {
    Map<String, Long> m = new HashMap<>(amounts);
    o.amounts.forEach((k, v) -> m.merge(k, -v, Long::sum));
    return of(m);
  }

  public Resources times(long n) {
    Map<String, Long> m = new HashMap<>();
    amounts.forEach((k, v) -> m.put(k, v * n));
    return of(m);
  }

  /** Each resource scaled by {@code percent}/100, rounded down. */
  public Resources percent(int percent) {
    Map<String, Long> m = new HashMap<>();
    amounts.forEach((k, v) -> m.put(k, v * percent / 100));
    return of(m);
  }

  /**
   * How many times {@code request} fits in these resources: the minimum over requested resources
   * of floor(available / requested); {@link Long#MAX_VALUE} when nothing is requested.
   */
  public long fits(Resources request) {
    long n = Long.MAX_VALUE;
    for (Map.Entry<String, Long> e : request.amounts.entrySet()) {
      long req = e.getValue();
      if (req <= 0) {
        continue;
      }
      long have = amounts.getOrDefault(e.getKey(), 0L);
      n = Math.min(n, have <= 0 ? 0 : have / req);
      if (n == 0) {
        return 0;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources r && r.amounts.equals(amounts);
  }

  @Override
  public int hashCode() {
    return amounts.hashCode();
  }

  @Override
  public String toString() {
    return amounts.toString();
  }
}
