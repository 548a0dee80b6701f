package io.tidewater.api.validation;

/**
 * One validation failure, shaped like Kubernetes' {@code field.Error}: it becomes one cause of a 422
 * Invalid {@code Status}, with {@code reason} = {@link Type#reason()} and {@code field} = {@code path}.
 *
 * @param type what kind of failure
 * @param path the JSON field path, for example {@code spec.template.spec.containers[0].image}
 * @param badValue the offending value, or null
 * @param detail a message a person can act on
 */
public record FieldError(Type type, String path, Object badValue, String detail) {

  /** Kubernetes' field error types; {@link #reason()} is the {@code StatusCause} reason. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many");

    private final String reason;
    private final String phrase;

    Type(String reason, String phrase) {
      this.reason = reason;
      this.phrase = phrase;
    }

    public String reason() {
      return reason;
    }

    public String phrase() {
      return phrase;
    }
  }

  public static FieldError required(String path, String detail) {
    return new FieldError(Type.REQUIRED, path, null, detail);
  }

  public static FieldError invalid(String path, Object badValue, String detail) {
    return new FieldError(Type.INVALID, path, badValue, detail);
  }

  public static FieldError notSupported(String path, Object badValue, java.util.Collection<String> allowed) {
    return new FieldError(
        Type.NOT_SUPPORTED, path, badValue, "supported values: " + String.join(", ", allowed.stream().map(v -> "\"" + v + "\"").toList()));
  }

  public static FieldError forbidden(String path, String detail) {
    return new FieldError(Type.FORBIDDEN, path, null, detail);
  }

  public static FieldError duplicate(String path, Object badValue) {
    return new FieldError(Type.DUPLICATE, path, badValue, "");
  }

  public static FieldError tooLong(String path, Object badValue, int max) {
    return new FieldError(Type.TOO_LONG, path, badValue, "must have at most " + max + " bytes");
  }

  // The same factories for a FieldPath, which is how Tidewater's kind validators build paths.

  public static FieldError required(FieldPath path, String detail) {
    return required(path.value(), detail);
  }

  public static FieldError invalid(FieldPath path, Object badValue, String detail) {
    return invalid(path.value(), badValue, detail);
  }

  public static FieldError notSupported(FieldPath path, Object badValue, java.util.Collection<String> allowed) {
    return notSupported(path.value(), badValue, allowed);
  }

  public static FieldError forbidden(FieldPath path, String detail) {
    return forbidden(path.value(), detail);
  }

  public static FieldError duplicate(FieldPath path, Object badValue) {
    return duplicate(path.value(), badValue);
  }

  public static FieldError tooMany(FieldPath path, int actual, int max) {
    return new FieldError(Type.TOO_MANY, path.value(), actual, "must have at most " + max + " items");
  }

  /**
   * The message Kubernetes prints for this error, for example {@code spec.replicas: Invalid value:
   * -1: must be greater than or equal to 0}.
   */
  public String message() {
    StringBuilder sb = new StringBuilder(path).append(": ").append(type.phrase());
    if (type != Type.REQUIRED && type != Type.FORBIDDEN && type != Type.TOO_MANY && badValue != null) {
      sb.append(": ").append(badValue instanceof String s ? "\"" + s + "\"" : String.valueOf(badValue));
    }
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }
}
