package io.tidewater.apiserver.patch.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from an object's root to one field, list item or set value, printed as Kubernetes prints
 * it in apply conflicts: {@code .spec.template.spec.containers[name="nginx"].image}.
 */
public record FieldPath(List<PathElement> elements) {

  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = List.copyOf(elements);
  }

  /** A path made of field names only, such as {@code FieldPath.of("spec", "replicas")}. */
  public static FieldPath of(String... fieldNames) {
    List<PathElement> elements = new ArrayList<>();
    for (String name : fieldNames) {
      elements.add(new PathElement.Field(name));
    }
    return new FieldPath(elements);
  }

  public FieldPath child(PathElement element) {
    List<PathElement> more = new ArrayList<>(elements.size() + 1);
    more.addAll(elements);
    more.add(element);
    return new FieldPath(more);
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  @Override
  public String toString() {
    if (elements.isEmpty()) {
      return "<root>";
    }
    StringBuilder out = new StringBuilder();
    elements.forEach(out::append);
    return out.toString();
  }
}
