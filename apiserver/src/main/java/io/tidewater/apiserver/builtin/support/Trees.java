package io.tidewater.apiserver.builtin.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Null-tolerant reads and "set if unset" writes on Kubernetes JSON trees. A JSON {@code null} is
 * treated as absent, as Kubernetes' decoder does for optional fields.
 */
public final class Trees {
  private Trees() {}

  /** The object at {@code field}, or null when absent or not an object. */
  public static ObjectNode object(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n instanceof ObjectNode o ? o : null;
  }

  /** The object at {@code field}, created (replacing a null) when absent. */
  public static ObjectNode ensureObject(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }

  /** The array at {@code field}, or null when absent or not an array. */
  public static ArrayNode array(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n instanceof ArrayNode a ? a : null;
  }

  /** The objects of the array at {@code field}; empty when absent. Non-objects are skipped. */
  public static List<ObjectNode> objects(JsonNode parent, String field) {
    return objects(array(parent, field));
  }

  public static List<ObjectNode> objects(ArrayNode array) {
    List<ObjectNode> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> {
        if (n instanceof ObjectNode o) {
          out.add(o);
        }
      });
    }
    return out;
  }

  /** Whether {@code field} is present and not null. */
  public static boolean has(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n != null && !n.isNull();
  }

  /** The text at {@code field}, or null when absent or null. Numbers and booleans are rendered. */
  public static String text(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  /** The text at {@code field}, or "" when absent: Go's zero value for a string. */
  public static String string(JsonNode parent, String field) {
    String s = text(parent, field);
    return s == null ? "" : s;
  }

  /** The integer at {@code field}, or null when absent or not integral. */
  public static Long integer(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n != null && n.isIntegralNumber() ? n.asLong() : null;
  }

  /** The integer at {@code field}, or 0 when absent: Go's zero value. */
  public static long longValue(JsonNode parent, String field) {
    Long v = integer(parent, field);
    return v == null ? 0 : v;
  }

  public static boolean bool(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n != null && n.asBoolean(false);
  }

  /** The number of entries of the object or array at {@code field}; 0 when absent. */
  public static int size(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    return n == null || n.isNull() ? 0 : n.size();
  }

  public static void defaultText(ObjectNode parent, String field, String value) {
    if (!has(parent, field) || parent.get(field).asText().isEmpty()) {
      parent.put(field, value);
    }
  }

  /** Sets an int32 field when absent or zero: Kubernetes' defaulting of non-pointer ints. */
  public static void defaultNonZero(ObjectNode parent, String field, int value) {
    if (!has(parent, field) || parent.get(field).asLong() == 0) {
      parent.put(field, value);
    }
  }

  /**
   * Sets a pointer field when absent (null): Kubernetes' defaulting of optional fields. Written as
   * an int node, the node type the JSON decoder produces for such values, so that a defaulted tree
   * equals the same tree read back from the store.
   */
  public static void defaultValue(ObjectNode parent, String field, int value) {
    if (!has(parent, field)) {
      parent.put(field, value);
    }
  }

  public static void defaultValue(ObjectNode parent, String field, boolean value) {
    if (!has(parent, field)) {
      parent.put(field, value);
    }
  }

  /** Sets a pointer-to-string field when absent; an explicit "" stays. */
  public static void defaultPointerText(ObjectNode parent, String field, String value) {
    if (!has(parent, field)) {
      parent.put(field, value);
    }
  }

  /** A new empty object. */
  public static ObjectNode objectNode() {
    return io.tidewater.api.json.Json.object();
  }

  /** The value at a dot-separated path, or null. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode cur = root;
    for (String part : path.split("\\.")) {
      if (cur == null || cur.isNull()) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur == null || cur.isNull() ? null : cur;
  }
}
