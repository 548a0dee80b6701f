package io.tidewater.api.quantity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Quantities as they appear in JSON objects: parsing with Kubernetes' rules, and the
 * canonicalisation Kubernetes applies on every write. Shared by the strategies here and by anything
 * that reads requests, capacities and usage (simulator, estimator, scheduler).
 */
public final class Quantities {
  private Quantities() {}

  /**
   * Parses a quantity string.
   *
   * @throws IllegalArgumentException with Kubernetes' message if it is not one
   */
  public static Quantity parse(String text) {
    return Quantity.parse(text);
  }

  /**
   * Parses a quantity as found in JSON: a string (trimmed, as Kubernetes' decoder does) or a bare
   * number ({@code cpu: 2} in YAML).
   *
   * @throws IllegalArgumentException if it is neither, or not a valid quantity
   */
  public static Quantity parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Quantity.ZERO;
    }
    if (node.isNumber()) {
      return Quantity.parse(node.decimalValue().stripTrailingZeros().toPlainString());
    }
    if (node.isTextual()) {
      return Quantity.parse(node.asText().strip());
    }
    throw new IllegalArgumentException(Quantity.FORMAT_ERROR);
  }

  /** The quantity, or empty when the text is not one. */
  public static Optional<Quantity> tryParse(String text) {
    try {
      return Optional.of(Quantity.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Why {@code node} is not a quantity, or empty if it is one. */
  public static Optional<String> problem(JsonNode node) {
    try {
      parse(node);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** {@code ceil(q × 1000)}: millicores for cpu. Invalid text throws. */
  public static long milliValue(String text) {
    return Quantity.parse(text).milliValue();
  }

  /** {@code ceil(q)}: bytes for memory. Invalid text throws. */
  public static long value(String text) {
    return Quantity.parse(text).value();
  }

  /** The canonical string of a quantity string ("0.5" → "500m"), or the input unchanged if invalid. */
  public static String canonical(String text) {
    return tryParse(text).map(Quantity::toString).orElse(text);
  }

  /**
   * Rewrites the quantity at {@code field} of {@code parent} in canonical form; optionally rounded up
   * to a milli-unit as Kubernetes does for ResourceList values. Invalid values are left for
   * validation to report.
   */
  public static void canonicalise(ObjectNode parent, String field, boolean roundToMilli) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    try {
      Quantity q = parse(v);
      parent.put(field, (roundToMilli ? q.roundedUpToMilli() : q).toString());
    } catch (IllegalArgumentException e) {
      // left as written; validation names the field
    }
  }

  /**
   * Canonicalises every value of a ResourceList ({@code {"cpu": "0.5", "memory": "1024Mi"}}) as
   * Kubernetes' {@code SetDefaults_ResourceList} and serialisation do.
   */
  public static void canonicaliseResourceList(JsonNode list) {
    if (list instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> canonicalise(o, n, true));
    }
  }
}
