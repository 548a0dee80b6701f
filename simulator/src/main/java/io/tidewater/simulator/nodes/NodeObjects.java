package io.tidewater.simulator.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.FieldIndexer;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import java.util.Map;
import java.util.function.Function;

/** Turns node records into the API layer's objects, and list options into filters over them. */
final class NodeObjects {
  private final ResourceType type;
  private final FieldIndexer fields;

  NodeObjects(ResourceType type) {
    this.type = type;
    this.fields = FieldIndexer.of(type);
  }

  ResourceType type() {
    return type;
  }

  CachedObject cached(NodeRecord record) {
    return cached(record.render(), record.revision());
  }

  /** The record as it looked at {@code revision} (a deletion's revision for DELETED events). */
  CachedObject cached(NodeRecord record, long revision) {
    ObjectNode obj = record.render();
    ObjectMetas.setResourceVersion(obj, Long.toString(revision));
    return cached(obj, revision);
  }

  CachedObject cached(ObjectNode obj, long revision) {
    return CachedObject.of(ObjectMetas.name(obj), revision, obj, Json.bytes(obj), fields.index(obj));
  }

  ObjectFilter filter(ListOptions options) {
    Map<String, Function<ObjectNode, String>> selectable = type.strategy().selectableFields();
    for (var term : options.fields().terms()) {
      if (!term.field().equals("metadata.name") && !selectable.containsKey(term.field())) {
        throw ApiException.badRequest("field label not supported: " + term.field());
      }
    }
    return new ObjectFilter(null, options.labels(), options.fields(), (obj, field) -> {
      if (field.equals("metadata.name")) {
        return obj.name();
      }
      String v = obj.field(field);
      return v != null ? v : selectable.get(field).apply(obj.object());
    });
  }

  /**
   * Whether a node can match the filter's label selector, judged without rendering it: most lists
   * select by labels, and a node's labels are its profile's plus its hostname.
   */
  static boolean labelsMayMatch(ObjectFilter filter, NodeRecord record) {
    if (filter.labels().isEverything()) {
      return true;
    }
    Map<String, String> labels = new java.util.HashMap<>(record.profile().labels());
    labels.put(NodeTemplate.HOSTNAME_LABEL, record.name());
    return filter.labels().matches(labels);
  }
}
