package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Extracts a kind's selectable fields once, when an object enters the cache. */
@FunctionalInterface
public interface FieldIndexer {
  Map<String, String> index(ObjectNode obj);

  FieldIndexer NONE = obj -> Map.of();

  static FieldIndexer of(ResourceType type) {
    Map<String, Function<ObjectNode, String>> fields = type.strategy().selectableFields();
    if (fields.isEmpty()) {
      return NONE;
    }
    return obj -> {
      Map<String, String> out = new HashMap<>(fields.size() * 2);
      fields.forEach((k, f) -> {
        String v = f.apply(obj);
        out.put(k, v == null ? "" : v);
      });
      return out;
    };
  }
}
