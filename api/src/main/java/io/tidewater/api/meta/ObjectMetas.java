package io.tidewater.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accessors for {@code metadata} on objects held as JSON trees (the API server's generic form).
 * Getters never create nodes; setters create {@code metadata} on demand.
 */
public final class ObjectMetas {
  private ObjectMetas() {}

  public static ObjectNode metadata(ObjectNode obj) {
    JsonNode m = obj.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return obj.putObject("metadata");
  }

  private static JsonNode meta(ObjectNode obj, String field) {
    JsonNode m = obj.get("metadata");
    return m == null ? null : m.get(field);
  }

  private static String text(ObjectNode obj, String field) {
    JsonNode n = meta(obj, field);
    return n == null || n.isNull() ? null : n.asText();
  }

  public static String name(ObjectNode obj) {
    return text(obj, "name");
  }

  public static String namespace(ObjectNode obj) {
    return text(obj, "namespace");
  }

  public static String generateName(ObjectNode obj) {
    return text(obj, "generateName");
  }

  public static String uid(ObjectNode obj) {
    return text(obj, "uid");
  }

  public static String resourceVersion(ObjectNode obj) {
    return text(obj, "resourceVersion");
  }

  public static String creationTimestamp(ObjectNode obj) {
    return text(obj, "creationTimestamp");
  }

  public static String deletionTimestamp(ObjectNode obj) {
    return text(obj, "deletionTimestamp");
  }

  public static boolean isDeleting(ObjectNode obj) {
    return deletionTimestamp(obj) != null;
  }

  public static long generation(ObjectNode obj) {
    JsonNode n = meta(obj, "generation");
    return n == null ? 0 : n.asLong();
  }

  public static String apiVersion(ObjectNode obj) {
    JsonNode n = obj.get("apiVersion");
    return n == null || n.isNull() ? null : n.asText();
  }

  public static String kind(ObjectNode obj) {
    JsonNode n = obj.get("kind");
    return n == null || n.isNull() ? null : n.asText();
  }

  /** The labels as an unmodifiable map (empty if none). */
  public static Map<String, String> labels(ObjectNode obj) {
    return stringMap(meta(obj, "labels"));
  }

  public static Map<String, String> annotations(ObjectNode obj) {
    return stringMap(meta(obj, "annotations"));
  }

  public static String label(ObjectNode obj, String key) {
    JsonNode labels = meta(obj, "labels");
    JsonNode v = labels == null ? null : labels.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  public static String annotation(ObjectNode obj, String key) {
    JsonNode ann = meta(obj, "annotations");
    JsonNode v = ann == null ? null : ann.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> stringMap(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    return Collections.unmodifiableMap(out);
  }

  public static List<String> finalizers(ObjectNode obj) {
    JsonNode n = meta(obj, "finalizers");
    if (n == null || !n.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(n.size());
    n.forEach(f -> out.add(f.asText()));
    return out;
  }

  public static void setFinalizers(ObjectNode obj, List<String> finalizers) {
    if (finalizers.isEmpty()) {
      metadata(obj).remove("finalizers");
    } else {
      ArrayNode arr = metadata(obj).putArray("finalizers");
      finalizers.forEach(arr::add);
    }
  }

  /** The ownerReferences (each an object node), or an empty list. */
  public static List<ObjectNode> ownerReferences(ObjectNode obj) {
    JsonNode n = meta(obj, "ownerReferences");
    if (n == null || !n.isArray()) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>(n.size());
    n.forEach(r -> {
      if (r instanceof ObjectNode o) {
        out.add(o);
      }
    });
    return out;
  }

  public static void setName(ObjectNode obj, String name) {
    metadata(obj).put("name", name);
  }

  public static void setNamespace(ObjectNode obj, String namespace) {
    if (namespace == null) {
      metadata(obj).remove("namespace");
    } else {
      metadata(obj).put("namespace", namespace);
    }
  }

  public static void setResourceVersion(ObjectNode obj, String rv) {
    if (rv == null) {
      metadata(obj).remove("resourceVersion");
    } else {
      metadata(obj).put("resourceVersion", rv);
    }
  }

  public static void setLabel(ObjectNode obj, String key, String value) {
    ObjectNode m = metadata(obj);
    JsonNode labels = m.get("labels");
    ObjectNode l = labels instanceof ObjectNode o ? o : m.putObject("labels");
    l.put(key, value);
  }

  public static void setAnnotation(ObjectNode obj, String key, String value) {
    ObjectNode m = metadata(obj);
    JsonNode ann = m.get("annotations");
    ObjectNode a = ann instanceof ObjectNode o ? o : m.putObject("annotations");
    a.put(key, value);
  }

  public static void removeAnnotation(ObjectNode obj, String key) {
    JsonNode ann = meta(obj, "annotations");
    if (ann instanceof ObjectNode a) {
      a.remove(key);
      if (a.isEmpty()) {
        metadata(obj).remove("annotations");
      }
    }
  }

  /** RFC 3339 with second precision, as Kubernetes' {@code metav1.Time} serialises. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  public static Instant parseTimestamp(String value) {
    return value == null ? null : Instant.parse(value);
  }
}
