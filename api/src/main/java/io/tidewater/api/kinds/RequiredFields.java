package io.tidewater.api.kinds;

import io.tidewater.api.kinds.openapi.OpenApiGenerator;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Walks a record tree and reports every {@link Required} component that is null, an empty string or an
 * empty collection as {@code Required value}, so "required" means the same in the schema and at admission
 * and no validator has to repeat it.
 */
public final class RequiredFields {
  private RequiredFields() {}

  public static void check(Object value, FieldPath path, List<FieldError> errs) {
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (RecordComponent rc : value.getClass().getRecordComponents()) {
      Object v = read(rc, value);
      FieldPath p = path.child(OpenApiGenerator.jsonName(rc));
      if (rc.isAnnotationPresent(Required.class) && missing(v)) {
        errs.add(FieldError.required(p, ""));
        continue;
      }
      if (v instanceof Record) {
        check(v, p, errs);
      } else if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          check(list.get(i), p.index(i), errs);
        }
      } else if (v instanceof Map<?, ?> map) {
        map.forEach((k, e) -> check(e, p.key(String.valueOf(k)), errs));
      }
    }
  }

  private static boolean missing(Object v) {
    return v == null
        || (v instanceof String s && s.isEmpty())
        || (v instanceof Collection<?> c && c.isEmpty())
        || (v instanceof Map<?, ?> m && m.isEmpty());
  }

  private static Object read(RecordComponent rc, Object record) {
    try {
      return rc.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + rc, e);
    }
  }
}
