package io.tidewater.api.kinds;

import io.tidewater.api.kinds.openapi.OpenApiGenerator;
import io.tidewater.api.kinds.openapi.Required;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Walks a record tree and reports every {@link Required} component that is null, an empty string or an
 * empty collection as {@code Required value}, so "required" means the same in the schema and at admission
 * and no validator has to repeat it.
 */
public final class RequiredFields {
  /**
   * Each record class's components, read once: reflection (copying the components, looking up
   * annotations) on every admission was a visible share of the API server's CPU and allocation.
   */
  private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
    @Override
    protected List<Component> computeValue(Class<?> type) {
      List<Component> out = new ArrayList<>();
      for (RecordComponent rc : type.getRecordComponents()) {
        Method accessor = rc.getAccessor();
        out.add(new Component(accessor, OpenApiGenerator.jsonName(rc), rc.isAnnotationPresent(Required.class)));
      }
      return List.copyOf(out);
    }
  };

  private record Component(Method accessor, String jsonName, boolean required) {}

  private RequiredFields() {}

  public static void check(Object value, FieldPath path, List<FieldError> errs) {
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (Component c : COMPONENTS.get(value.getClass())) {
      Object v = read(c, value);
      if (c.required() && missing(v)) {
        errs.add(FieldError.required(path.child(c.jsonName()), ""));
        continue;
      }
      if (v instanceof Record) {
        check(v, path.child(c.jsonName()), errs);
      } else if (v instanceof List<?> list) {
        FieldPath p = path.child(c.jsonName());
        for (int i = 0; i < list.size(); i++) {
          check(list.get(i), p.index(i), errs);
        }
      } else if (v instanceof Map<?, ?> map) {
        FieldPath p = path.child(c.jsonName());
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

  private static Object read(Component c, Object record) {
    try {
      return c.accessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.jsonName() + " of " + record.getClass().getName(), e);
    }
  }
}
