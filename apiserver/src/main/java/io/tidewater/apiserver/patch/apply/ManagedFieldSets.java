package io.tidewater.apiserver.patch.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The decoded {@code metadata.managedFields} of one object: a field set per manager, and the
 * codec to and from Kubernetes' JSON form.
 */
final class ManagedFieldSets {

  /** One manager's fields, the API version they are expressed in, and when it last changed them. */
  record Entry(FieldSet fields, String apiVersion, Instant time) {
    Entry withFields(FieldSet newFields) {
      return new Entry(newFields, apiVersion, time);
    }
  }

  /** The manager merged update managers are folded into beyond {@link #capUpdateManagers}'s limit. */
  static final String ANCIENT_CHANGES = "ancient-changes";

  private final Map<ManagerIdentity, Entry> entries;

  private ManagedFieldSets(Map<ManagerIdentity, Entry> entries) {
    this.entries = entries;
  }

  static ManagedFieldSets empty() {
    return new ManagedFieldSets(new LinkedHashMap<>());
  }

  /**
   * Decodes {@code metadata.managedFields}.
   *
   * @throws IllegalArgumentException when an entry is malformed
   */
  static ManagedFieldSets decode(JsonNode managedFields) {
    ManagedFieldSets decoded = empty();
    if (managedFields == null || managedFields.isNull()) {
      return decoded;
    }
    if (!managedFields.isArray()) {
      throw new IllegalArgumentException("managedFields must be a list");
    }
    for (JsonNode entry : managedFields) {
      if (!entry.isObject()) {
        throw new IllegalArgumentException("managedFields entries must be objects");
      }
      String operation = entry.path("operation").asText("");
      if (!operation.equals(ManagerIdentity.APPLY) && !operation.equals(ManagerIdentity.UPDATE)) {
        throw new IllegalArgumentException("operation must be `Apply` or `Update`, got " + operation);
      }
      String fieldsType = entry.path("fieldsType").asText("");
      if (!fieldsType.equals("FieldsV1")) {
        throw new IllegalArgumentException("only type FieldsV1 is supported, got " + fieldsType);
      }
      String apiVersion = entry.path("apiVersion").asText("");
      ManagerIdentity id =
          new ManagerIdentity(
              entry.path("manager").asText(""), operation, apiVersion, entry.path("subresource").asText(""));
      Instant time = null;
      JsonNode timeText = entry.get("time");
      if (timeText != null && !timeText.isNull()) {
        try {
          time = Instant.parse(timeText.asText());
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("invalid managedFields time " + timeText, e);
        }
      }
      decoded.entries.put(id, new Entry(FieldSet.fromFieldsV1(entry.get("fieldsV1")), apiVersion, time));
    }
    return decoded;
  }

  /** Kubernetes' order: Apply before Update, then by time (to the second), manager, version, subresource. */
  ArrayNode encode() {
    List<Map.Entry<ManagerIdentity, Entry>> sorted = new ArrayList<>(entries.entrySet());
    sorted.removeIf(e -> e.getValue().fields().isEmpty());
    sorted.sort(
        Comparator.<Map.Entry<ManagerIdentity, Entry>, String>comparing(e -> e.getKey().operation())
            .thenComparingLong(e -> seconds(e.getValue().time()))
            .thenComparing(e -> e.getKey().manager())
            .thenComparing(e -> e.getValue().apiVersion() == null ? "" : e.getValue().apiVersion())
            .thenComparing(e -> e.getKey().subresource()));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Map.Entry<ManagerIdentity, Entry> e : sorted) {
      ObjectNode json = out.addObject();
      json.put("manager", e.getKey().manager());
      json.put("operation", e.getKey().operation());
      json.put("apiVersion", e.getValue().apiVersion());
      if (e.getValue().time() != null) {
        json.put("time", format(e.getValue().time()));
      }
      json.put("fieldsType", "FieldsV1");
      json.set("fieldsV1", e.getValue().fields().toFieldsV1());
      if (!e.getKey().subresource().isEmpty()) {
        json.put("subresource", e.getKey().subresource());
      }
    }
    return out;
  }

  /** Kubernetes' metav1.Time form: RFC 3339 in UTC, whole seconds. */
  static String format(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  private static long seconds(Instant time) {
    return time == null ? 0 : time.getEpochSecond();
  }

  ManagedFieldSets copy() {
    return new ManagedFieldSets(new LinkedHashMap<>(entries));
  }

  Entry get(ManagerIdentity id) {
    return entries.get(id);
  }

  void put(ManagerIdentity id, Entry entry) {
    entries.put(id, entry);
  }

  Set<ManagerIdentity> managers() {
    return entries.keySet();
  }

  void forEach(BiConsumer<ManagerIdentity, Entry> action) {
    entries.forEach(action);
  }

  void removeEmpty() {
    entries.values().removeIf(e -> e.fields().isEmpty());
  }

  /** Everything any manager owns. */
  FieldSet union() {
    FieldSet all = FieldSet.empty();
    for (Entry entry : entries.values()) {
      all = all.union(entry.fields());
    }
    return all;
  }

  /**
   * Keeps at most {@code max} Update entries by folding the oldest into one {@code ancient-changes}
   * entry per API version, as Kubernetes does to bound managedFields.
   */
  void capUpdateManagers(int max) {
    List<ManagerIdentity> updaters = new ArrayList<>();
    entries.forEach(
        (id, entry) -> {
          if (!id.isApply()) {
            updaters.add(id);
          }
        });
    if (updaters.size() <= max) {
      return;
    }
    updaters.sort(
        Comparator.<ManagerIdentity>comparingLong(id -> seconds(entries.get(id).time()))
            .thenComparing(ManagerIdentity::manager));
    Map<String, ManagerIdentity> firstByVersion = new HashMap<>();
    int count = updaters.size();
    for (int i = 0; i < updaters.size() && count > max; i++) {
      ManagerIdentity id = updaters.get(i);
      Entry entry = entries.get(id);
      String version = entry.apiVersion();
      ManagerIdentity bucket = ManagerIdentity.update(ANCIENT_CHANGES, version, "");
      ManagerIdentity first = firstByVersion.get(version);
      if (first == null) {
        firstByVersion.put(version, id);
        continue;
      }
      if (!entries.containsKey(bucket)) {
        entries.put(bucket, entries.remove(first));
      }
      Entry merged = entries.get(bucket);
      entries.put(bucket, new Entry(merged.fields().union(entry.fields()), version, entry.time()));
      if (!id.equals(bucket)) {
        entries.remove(id);
      }
      count--;
    }
  }
}
