package io.tidewater.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Equality and ordering of JSON values as Kubernetes' Go code sees them: numbers compare by value
 * ({@code 1} equals {@code 1.0}), objects ignore member order, and {@link #compare} is the total
 * order structured-merge-diff sorts set values and list keys by (numbers, strings, booleans, lists,
 * maps, null).
 */
public final class JsonValues {

  private JsonValues() {}

  /** Deep equality; absent (Java null) equals only absent. */
  public static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.isIntegralNumber() && b.isIntegralNumber()
          ? a.bigIntegerValue().equals(b.bigIntegerValue())
          : a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : a.properties()) {
        if (!equal(field.getValue(), b.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A total order over JSON values, the one structured-merge-diff uses. */
  public static int compare(JsonNode a, JsonNode b) {
    int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    if (a.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isTextual()) {
      return a.asText().compareTo(b.asText());
    }
    if (a.isBoolean()) {
      return Boolean.compare(a.asBoolean(), b.asBoolean());
    }
    if (a.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
    if (a.isObject()) {
      return a.toString().compareTo(b.toString());
    }
    return 0;
  }

  private static int rank(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return 5;
    }
    if (node.isNumber()) {
      return 0;
    }
    if (node.isTextual()) {
      return 1;
    }
    if (node.isBoolean()) {
      return 2;
    }
    if (node.isArray()) {
      return 3;
    }
    return 4;
  }
}
