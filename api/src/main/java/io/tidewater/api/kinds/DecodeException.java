package io.tidewater.api.kinds;

import io.tidewater.api.validation.FieldError;
import java.util.List;

/**
 * A JSON object that does not fit a kind's record: a string where a number belongs, an unknown enum value, or
 * (when decoding strictly) an unknown field. Carries field errors with paths, so the API server can answer
 * 422 like it does for schema violations of custom resources, and the unknown fields separately, so it can
 * answer them the way {@code fieldValidation=Strict} does.
 */
public final class DecodeException extends RuntimeException {
  private final List<FieldError> errors;
  private final List<String> unknownFields;

  public DecodeException(List<FieldError> errors, List<String> unknownFields) {
    super(summary(errors, unknownFields));
    this.errors = List.copyOf(errors);
    this.unknownFields = List.copyOf(unknownFields);
  }

  /** Type errors, with the field path and the offending value. */
  public List<FieldError> errors() {
    return errors;
  }

  /** Paths of fields the kind does not define, for example {@code spec.foo}; only when decoding strictly. */
  public List<String> unknownFields() {
    return unknownFields;
  }

  private static String summary(List<FieldError> errors, List<String> unknown) {
    StringBuilder sb = new StringBuilder();
    errors.forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.message()));
    unknown.forEach(u -> sb.append(sb.isEmpty() ? "" : ", ").append("unknown field \"").append(u).append('"'));
    return sb.toString();
  }
}
