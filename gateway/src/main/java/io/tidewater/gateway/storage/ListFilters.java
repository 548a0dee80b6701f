package io.tidewater.gateway.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.api.selection.FieldSelector;
import java.util.Map;
import java.util.function.Function;

/** A list or watch request's namespace and selectors as a filter over merged objects. */
final class ListFilters {
  private ListFilters() {}

  /**
   * @throws ApiException 400 for a field the kind cannot be selected by
   */
  static ObjectFilter of(ResourceType type, String namespace, ListOptions options) {
    Map<String, Function<ObjectNode, String>> selectable = type.strategy().selectableFields();
    for (FieldSelector.Term term : options.fields().terms()) {
      String f = term.field();
      if (!f.equals("metadata.name") && !f.equals("metadata.namespace") && !selectable.containsKey(f)) {
        throw ApiException.badRequest("field label not supported: " + f);
      }
    }
    return new ObjectFilter(
        type.namespaced() ? namespace : null,
        options.labels(),
        options.fields(),
        (obj, field) -> switch (field) {
          case "metadata.name" -> obj.name();
          case "metadata.namespace" -> obj.namespace() == null ? "" : obj.namespace();
          default -> {
            String v = obj.field(field);
            yield v != null ? v : selectable.get(field).apply(obj.object());
          }
        });
  }
}
