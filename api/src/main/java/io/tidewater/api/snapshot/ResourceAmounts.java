package io.tidewater.api.snapshot;

import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of resource amounts in canonical units (see the package documentation).
 * Absent resources are zero; zero amounts are not stored, so equal sets are equal records.
 */
public record ResourceAmounts(Map<String, Long> amounts) {
  public static final ResourceAmounts NONE = new ResourceAmounts(Map.of());

  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String PODS = "pods";
  public static final String GPU = "nvidia.com/gpu";

  public ResourceAmounts {
    TreeMap<String, Long> copy = new TreeMap<>();
    amounts.forEach((k, v) -> {
      if (v != null && v != 0) {
        copy.put(k, v);
      }
    });
    amounts = java.util.Collections.unmodifiableSortedMap(copy);
  }

  public static ResourceAmounts of(Map<String, Long> amounts) {
    return amounts.isEmpty() ? NONE : new ResourceAmounts(amounts);
  }

  /** The amount of {@code resource}, zero when absent. */
  public long get(String resource) {
    Long v = amounts.get(resource);
    return v == null ? 0 : v;
  }

  public boolean isEmpty() {
    return amounts.isEmpty();
  }

  public ResourceAmounts plus(ResourceAmounts other) {
    TreeMap<String, Long> sum = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> sum.merge(k, v, Long::sum));
    return new ResourceAmounts(sum);
  }

  public ResourceAmounts minus(ResourceAmounts other) {
    TreeMap<String, Long> diff = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> diff.merge(k, -v, Long::sum));
    return new ResourceAmounts(diff);
  }

  /** Each amount multiplied by {@code factor}: the total of {@code factor} identical nodes. */
  public ResourceAmounts times(long factor) {
    TreeMap<String, Long> out = new TreeMap<>();
    amounts.forEach((k, v) -> out.put(k, v * factor));
    return new ResourceAmounts(out);
  }
}
