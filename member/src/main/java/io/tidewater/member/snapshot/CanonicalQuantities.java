package io.tidewater.member.snapshot;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes quantities as the integers the snapshot sums: cpu in millicores, everything else in
 * base units, rounded up as the scheduler rounds requests (a request of 0.5m cpu takes 1m).
 */
final class CanonicalQuantities {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private CanonicalQuantities() {}

  static long of(String resource, Quantity q) {
    if (q == null) {
      return 0;
    }
    BigDecimal amount = Quantity.getAmountInBytes(q);
    if (resource.equals("cpu")) {
      amount = amount.multiply(THOUSAND);
    }
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  static Map<String, Long> of(Map<String, Quantity> quantities) {
    Map<String, Long> out = new TreeMap<>();
    if (quantities != null) {
      quantities.forEach((k, v) -> out.put(k, of(k, v)));
    }
    return out;
  }
}
