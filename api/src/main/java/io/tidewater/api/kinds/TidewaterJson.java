package io.tidewater.api.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.openapi.JsonEnums;
import io.tidewater.api.validation.FieldError;
import java.util.List;

/**
 * The JSON mapping of Tidewater's records. Unknown fields are dropped by default (Kubernetes' default
 * {@code fieldValidation=Warn} behaviour prunes them too); {@link #decodeStrict} reports them instead.
 */
public final class TidewaterJson {
  private TidewaterJson() {}

  private static final ObjectMapper LENIENT =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The mapper for these records; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return LENIENT;
  }

  /** Decodes {@code node}, dropping fields the record does not define. */
  public static <T> T decode(JsonNode node, Class<T> type) {
    return decode(LENIENT, node, type);
  }

  /** Decodes {@code node}; a field the record does not define is a {@link DecodeException}. */
  public static <T> T decodeStrict(JsonNode node, Class<T> type) {
    return decode(STRICT, node, type);
  }

  public static ObjectNode encode(Object value) {
    return LENIENT.valueToTree(value);
  }

  /** A deep copy, for changing a mutable fabric8 object without touching the caller's. */
  public static <T> T copy(T value, Class<T> type) {
    return value == null ? null : LENIENT.convertValue(value, type);
  }

  private static <T> T decode(ObjectMapper mapper, JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      return rethrow(List.of(), List.of(path(e).child(e.getPropertyName()).value()));
    } catch (InvalidFormatException e) {
      Class<?> target = e.getTargetType();
      Object bad = e.getValue();
      if (target != null && target.isEnum()) {
        return rethrow(List.of(FieldError.notSupported(path(e), bad, JsonEnums.values(target))), List.of());
      }
      return rethrow(List.of(FieldError.invalid(path(e), bad, "must be of type " + typeName(target))), List.of());
    } catch (MismatchedInputException e) {
      return rethrow(List.of(FieldError.invalid(path(e), null, "must be of type " + typeName(e.getTargetType()))), List.of());
    } catch (JsonMappingException e) {
      return rethrow(List.of(FieldError.invalid(path(e), null, e.getOriginalMessage())), List.of());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return rethrow(List.of(FieldError.invalid("", null, e.getMessage())), List.of());
    }
  }

  private static <T> T rethrow(List<FieldError> errors, List<String> unknown) {
    throw new DecodeException(errors, unknown);
  }

  private static io.tidewater.api.validation.FieldPath path(JsonMappingException e) {
    io.tidewater.api.validation.FieldPath p = io.tidewater.api.validation.FieldPath.root("");
    List<JsonMappingException.Reference> refs = e.getPath();
    // UnrecognizedPropertyException's path ends at the unknown property; callers append it themselves
    int n = e instanceof UnrecognizedPropertyException ? refs.size() - 1 : refs.size();
    for (int i = 0; i < n; i++) {
      JsonMappingException.Reference r = refs.get(i);
      p = r.getFieldName() != null ? p.child(r.getFieldName()) : p.index(r.getIndex());
    }
    return p;
  }

  private static String typeName(Class<?> t) {
    if (t == null) {
      return "the declared type";
    }
    if (t == Integer.class || t == Long.class || t == int.class || t == long.class) {
      return "integer";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "boolean";
    }
    if (t == String.class || t.isEnum()) {
      return "string";
    }
    if (List.class.isAssignableFrom(t)) {
      return "array";
    }
    return "object";
  }
}
