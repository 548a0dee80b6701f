package io.tidewater.apiserver.storage;

import io.tidewater.api.selection.FieldSelector;
import io.tidewater.api.selection.LabelSelector;
import java.util.function.BiFunction;

/**
 * Which objects a list or watch wants: a namespace (null for all), a label selector and a field
 * selector. Field values are looked up through the resource's selectable fields.
 */
public record ObjectFilter(
    String namespace, LabelSelector labels, FieldSelector fields, BiFunction<CachedObject, String, String> fieldValue) {

  public static ObjectFilter all() {
    return new ObjectFilter(null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, (o, f) -> "");
  }

  public boolean matches(CachedObject obj) {
    if (obj == null) {
      return false;
    }
    if (namespace != null && !namespace.equals(obj.namespace())) {
      return false;
    }
    if (!labels.isEverything() && !labels.matches(obj.labels())) {
      return false;
    }
    return fields.isEverything() || fields.matches(f -> fieldValue.apply(obj, f));
  }
}
