package io.tidewater.api.validation;

/**
 * A JSON field path as Kubernetes prints it in validation errors: {@code spec.rules[0].schedule},
 * {@code spec.selector.matchLabels[app]}. Immutable; every step returns a new path.
 */
public record FieldPath(String value) {

  public static FieldPath root(String name) {
    return new FieldPath(name);
  }

  public FieldPath child(String name) {
    return new FieldPath(value.isEmpty() ? name : value + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(value + "[" + i + "]");
  }

  /** A map entry or a list-map element addressed by its key, as Kubernetes does for labels. */
  public FieldPath key(String key) {
    return new FieldPath(value + "[" + key + "]");
  }

  @Override
  public String toString() {
    return value;
  }
}
