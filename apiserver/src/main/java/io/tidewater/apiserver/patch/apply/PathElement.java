package io.tidewater.apiserver.patch.apply;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One step of a field path, as structured-merge-diff models it: a struct or map field, a list-map
 * item by its key fields, a set item by its value, or a list item by its index.
 *
 * <p>Elements are ordered as structured-merge-diff orders them (fields, then keys, then values,
 * then indices), which is the order of {@code fieldsV1} members and of conflict listings.
 */
public sealed interface PathElement extends Comparable<PathElement> {

  ObjectMapper JSON = new ObjectMapper();

  /** A field of a struct or a key of a map: {@code f:name}, printed {@code .name}. */
  record Field(String name) implements PathElement {
    @Override
    public String fieldsV1Key() {
      return "f:" + name;
    }

    @Override
    public String toString() {
      return "." + name;
    }
  }

  /** An item of a list-map, by its key fields sorted by name: {@code k:{"name":"nginx"}}. */
  record Key(List<KeyField> fields) implements PathElement {
    public Key {
      fields = fields.stream().sorted(Comparator.comparing(KeyField::name)).toList();
    }

    @Override
    public String fieldsV1Key() {
      ObjectNode object = JSON.createObjectNode();
      fields.forEach(f -> object.set(f.name(), f.value()));
      return "k:" + compact(object);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && compareKeys(fields, k.fields) == 0;
    }

    @Override
    public int hashCode() {
      return fields.stream().map(KeyField::name).toList().hashCode();
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      fields.forEach(f -> parts.add(f.name() + "=" + printValue(f.value())));
      return "[" + String.join(",", parts) + "]";
    }
  }

  /** One key field of a list-map item. */
  record KeyField(String name, JsonNode value) {}

  /** An item of a set, by its value: {@code v:"finalizer.example.com"}. */
  record Value(JsonNode value) implements PathElement {
    @Override
    public String fieldsV1Key() {
      return "v:" + compact(value);
    }

    @Override
    public String toString() {
      return "[=" + printValue(value) + "]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Value v && JsonValues.equal(value, v.value);
    }

    @Override
    public int hashCode() {
      return value.isNumber() ? Double.hashCode(value.asDouble()) : value.hashCode();
    }
  }

  /** An item of a list that has neither keys nor set semantics, by position: {@code i:0}. */
  record Index(int index) implements PathElement {
    @Override
    public String fieldsV1Key() {
      return "i:" + index;
    }

    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** The member name of this element in a {@code fieldsV1} object. */
  String fieldsV1Key();

  @Override
  default int compareTo(PathElement other) {
    int byKind = Integer.compare(rank(this), rank(other));
    if (byKind != 0) {
      return byKind;
    }
    return switch (this) {
      case Field f -> f.name().compareTo(((Field) other).name());
      case Key k -> compareKeys(k.fields(), ((Key) other).fields());
      case Value v -> JsonValues.compare(v.value(), ((Value) other).value());
      case Index i -> Integer.compare(i.index(), ((Index) other).index());
    };
  }

  /** Parses one member name of a {@code fieldsV1} object. */
  static PathElement parseFieldsV1Key(String key) {
    if (key.length() < 2 || key.charAt(1) != ':') {
      throw new IllegalArgumentException("invalid fieldsV1 path element " + key);
    }
    String body = key.substring(2);
    try {
      return switch (key.charAt(0)) {
        case 'f' -> new Field(body);
        case 'v' -> new Value(JSON.readTree(body));
        case 'i' -> new Index(Integer.parseInt(body));
        case 'k' -> {
          JsonNode object = JSON.readTree(body);
          if (!object.isObject()) {
            throw new IllegalArgumentException("invalid fieldsV1 key " + key);
          }
          List<KeyField> fields = new ArrayList<>();
          for (Map.Entry<String, JsonNode> field : object.properties()) {
            fields.add(new KeyField(field.getKey(), field.getValue()));
          }
          yield new Key(fields);
        }
        default -> throw new IllegalArgumentException("invalid fieldsV1 path element " + key);
      };
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IllegalArgumentException("invalid fieldsV1 path element " + key, e);
    }
  }

  private static int rank(PathElement element) {
    return switch (element) {
      case Field f -> 0;
      case Key k -> 1;
      case Value v -> 2;
      case Index i -> 3;
    };
  }

  private static int compareKeys(List<KeyField> a, List<KeyField> b) {
    for (int i = 0; ; i++) {
      if (i >= a.size() || i >= b.size()) {
        return Integer.compare(a.size(), b.size());
      }
      int byName = a.get(i).name().compareTo(b.get(i).name());
      if (byName != 0) {
        return byName;
      }
      int byValue = JsonValues.compare(a.get(i).value(), b.get(i).value());
      if (byValue != 0) {
        return byValue;
      }
    }
  }

  private static String compact(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Values as structured-merge-diff prints them in paths: strings quoted, the rest as JSON. */
  private static String printValue(JsonNode value) {
    return compact(value);
  }
}
