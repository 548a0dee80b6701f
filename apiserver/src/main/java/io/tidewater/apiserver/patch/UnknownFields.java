package io.tidewater.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.schema.TypeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a schema does not declare, for {@code fieldValidation=Strict} (reject) and
 * {@code Warn} (warn and drop). Paths are written as Kubernetes writes them in its messages:
 * {@code .spec.template.spec.containers[0].imagex}.
 *
 * <p>Subtrees the schema leaves open are not checked: RawExtension and other UNTYPED values,
 * {@code x-kubernetes-preserve-unknown-fields}, and the keys of maps such as
 * {@code metadata.labels} (only their values are checked, against the element type).
 */
public final class UnknownFields {

  /** One field the schema does not declare. */
  public record UnknownField(String path) {

    /** {@code unknown field "spec.replica"}, the wording of Kubernetes' errors and warnings. */
    public String message() {
      return "unknown field \"" + (path.startsWith(".") ? path.substring(1) : path) + "\"";
    }
  }

  private UnknownFields() {}

  /** The undeclared fields of an object, in document order. */
  public static List<UnknownField> find(JsonNode object, TypeNode root) {
    List<UnknownField> found = new ArrayList<>();
    walk(object, root, "", found, false);
    return found;
  }

  /** Removes the undeclared fields from the object and returns them (for {@code Warn} and {@code Ignore}). */
  public static List<UnknownField> prune(ObjectNode object, TypeNode root) {
    List<UnknownField> found = new ArrayList<>();
    walk(object, root, "", found, true);
    return found;
  }

  private static void walk(JsonNode value, TypeNode type, String path, List<UnknownField> found, boolean remove) {
    if (value == null || value.isNull() || type.preserveUnknownFields() && type.kind() != TypeNode.Kind.STRUCT) {
      return;
    }
    switch (type.kind()) {
      case STRUCT -> {
        if (!value.isObject()) {
          return;
        }
        List<String> undeclared = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          String childPath = path + "." + field.getKey();
          var child = type.field(field.getKey());
          if (child.isEmpty()) {
            found.add(new UnknownField(childPath));
            undeclared.add(field.getKey());
          } else {
            walk(field.getValue(), child.get(), childPath, found, remove);
          }
        }
        if (remove) {
          ((ObjectNode) value).remove(undeclared);
        }
      }
      case MAP -> {
        if (value.isObject()) {
          for (Map.Entry<String, JsonNode> entry : value.properties()) {
            walk(entry.getValue(), type.elements(), path + "." + entry.getKey(), found, remove);
          }
        }
      }
      case LIST -> {
        if (value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            walk(value.get(i), type.elements(), path + "[" + i + "]", found, remove);
          }
        }
      }
      default -> {
        // scalars and untyped values have no fields to check
      }
    }
  }
}
