package io.tidewater.api.kinds;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Small formatters for printer column cells. */
public final class Cells {
  private Cells() {}

  /** The status (True, False, Unknown) of the condition of {@code type}, or null. */
  public static String condition(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).map(Condition::getStatus).findFirst().orElse(null);
  }

  /** A quantity as a plain number, at most two decimals: {@code 12500m} is {@code 12.5}. */
  public static String number(Quantity q) {
    if (q == null) {
      return "0";
    }
    try {
      BigDecimal n = q.getNumericalAmount().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
      return n.toPlainString();
    } catch (RuntimeException e) {
      return q.toString();
    }
  }

  /** {@code a/b} of one resource from two resource lists, for example CPU requested over allocatable. */
  public static String ratio(Map<String, Quantity> used, Map<String, Quantity> total, String resource) {
    if (total == null || !total.containsKey(resource)) {
      return null;
    }
    return number(used == null ? null : used.get(resource)) + "/" + number(total.get(resource));
  }

  /** {@code a/b} of two counts, null when the total is unknown. */
  public static String ratio(Integer used, Integer total) {
    return total == null ? null : (used == null ? 0 : used) + "/" + total;
  }
}
