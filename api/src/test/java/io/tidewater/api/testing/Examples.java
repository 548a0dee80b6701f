package io.tidewater.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.validation.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The example objects under src/test/resources/examples and small helpers around them. */
public final class Examples {
  private Examples() {}

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The example as a JSON tree, fresh on every call so tests may edit it. */
  public static ObjectNode tree(String file) {
    try (InputStream in = Examples.class.getResourceAsStream("/examples/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no example " + file);
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T extends TidewaterObject> T load(String file, KindDescriptor<T> kind) {
    return kind.decodeStrict(tree(file));
  }

  /** YAML, for building edited examples inline. */
  public static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops number-width differences (IntNode vs LongNode) by printing and re-reading. */
  public static JsonNode normalize(JsonNode node) {
    try {
      return JSON.readTree(JSON.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether every field and element of {@code small} is in {@code big} with the same value. */
  public static boolean contains(JsonNode big, JsonNode small) {
    if (small.isObject()) {
      if (!big.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : small.properties()) {
        if (!big.has(e.getKey()) || !contains(big.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (small.isArray()) {
      if (!big.isArray() || big.size() != small.size()) {
        return false;
      }
      for (int i = 0; i < small.size(); i++) {
        if (!contains(big.get(i), small.get(i))) {
          return false;
        }
      }
      return true;
    }
    return normalize(big).equals(normalize(small));
  }

  /** "Type path" of each error, for exact assertions. */
  public static List<String> paths(List<FieldError> errs) {
    return errs.stream().map(e -> e.type() + " " + e.path()).toList();
  }
}
