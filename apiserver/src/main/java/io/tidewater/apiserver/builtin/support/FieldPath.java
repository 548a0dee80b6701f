package io.tidewater.apiserver.builtin.support;

/**
 * A field path as Kubernetes prints it in validation errors: {@code
 * spec.template.spec.containers[0].resources.limits[cpu]}.
 */
public record FieldPath(String path) {

  public static FieldPath of(String first, String... more) {
    FieldPath p = new FieldPath(first);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  public FieldPath child(String name) {
    return new FieldPath(path.isEmpty() ? name : path + "." + name);
  }

  public FieldPath child(String name, String... more) {
    FieldPath p = child(name);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  public FieldPath index(int i) {
    return new FieldPath(path + "[" + i + "]");
  }

  public FieldPath key(String k) {
    return new FieldPath(path + "[" + k + "]");
  }

  @Override
  public String toString() {
    return path;
  }
}
