package io.tidewater.api.kinds.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire values of Tidewater's enums. Constants carry {@code @JsonProperty("Duplicated")} so Java code keeps
 * Java names while the API keeps Kubernetes' CamelCase (or Karmada's lower-case) strings; this reads them for
 * the schema's {@code enum} list and for "supported values" messages.
 */
public final class JsonEnums {
  private JsonEnums() {}

  private static final Map<Class<?>, List<String>> VALUES = new ConcurrentHashMap<>();

  /** Wire values of {@code type}'s constants, in declaration order. */
  public static List<String> values(Class<?> type) {
    return VALUES.computeIfAbsent(type, JsonEnums::read);
  }

  /** The wire value of one constant. */
  public static String value(Enum<?> constant) {
    return values(constant.getDeclaringClass()).get(constant.ordinal());
  }

  private static List<String> read(Class<?> type) {
    if (!type.isEnum()) {
      throw new IllegalArgumentException(type + " is not an enum");
    }
    return java.util.Arrays.stream(type.getEnumConstants())
        .map(c -> (Enum<?>) c)
        .map(
            c -> {
              try {
                JsonProperty p = type.getField(c.name()).getAnnotation(JsonProperty.class);
                return p != null && !p.value().isEmpty() ? p.value() : c.name();
              } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
