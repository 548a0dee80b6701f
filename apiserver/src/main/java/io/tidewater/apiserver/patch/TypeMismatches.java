package io.tidewater.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.schema.TypeNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Finds values whose JSON type the schema does not allow: a string where an integer belongs, a
 * list for a map. Kubernetes' typed decoding refuses such objects; storing them would break every
 * typed client that reads them back. Nulls are allowed everywhere (they decode as zero values),
 * and subtrees the schema leaves open are not checked.
 */
public final class TypeMismatches {
  private static final int MAX_REPORTED = 10;
  private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  /** One value of the wrong type, at a path written as {@code .spec.replicas}. */
  public record Mismatch(String path, String expected, String actual) {
    public String message() {
      return path + ": expected " + expected + ", got " + actual;
    }
  }

  private TypeMismatches() {}

  /** The first mismatches in document order (at most ten). */
  public static List<Mismatch> find(JsonNode object, TypeNode root) {
    List<Mismatch> found = new ArrayList<>();
    walk(object, root, "", found);
    return found;
  }

  private static void walk(JsonNode value, TypeNode type, String path, List<Mismatch> found) {
    if (found.size() >= MAX_REPORTED || value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    if (type.preserveUnknownFields() && type.kind() != TypeNode.Kind.STRUCT) {
      return;
    }
    switch (type.kind()) {
      case STRUCT -> {
        if (!value.isObject()) {
          found.add(new Mismatch(path, "object", describe(value)));
          return;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          type.field(field.getKey()).ifPresent(child -> walk(field.getValue(), child, path + "." + field.getKey(), found));
        }
      }
      case MAP -> {
        if (!value.isObject()) {
          found.add(new Mismatch(path, "map", describe(value)));
          return;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
          walk(entry.getValue(), type.elements(), path + "." + entry.getKey(), found);
        }
      }
      case LIST -> {
        if (!value.isArray()) {
          found.add(new Mismatch(path, "array", describe(value)));
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          walk(value.get(i), type.elements(), path + "[" + i + "]", found);
        }
      }
      case SCALAR -> {
        String expected = expectedScalar(type, value);
        if (expected != null) {
          found.add(new Mismatch(path, expected, describe(value)));
        }
      }
      case UNTYPED -> {
        // anything goes
      }
    }
  }

  /** What the scalar should have been, or null if the value fits. */
  private static String expectedScalar(TypeNode type, JsonNode value) {
    boolean quantity = type.definitionName().map(QUANTITY::equals).orElse(false);
    if (type.intOrString() || quantity) {
      // A Quantity is a string in the schema, but Kubernetes reads numbers for it too (cpu: 1).
      return value.isTextual() || value.isNumber() ? null : "string or number";
    }
    return switch (type.type()) {
      case "string" -> {
        if (!value.isTextual()) {
          yield "string";
        }
        // []byte fields (Secret data, binaryData) travel as base64, which decoding checks.
        yield type.format().map("byte"::equals).orElse(false) && !isBase64(value.asText()) ? "base64 string" : null;
      }
      case "boolean" -> value.isBoolean() ? null : "boolean";
      case "number" -> value.isNumber() ? null : "number";
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          yield "integer";
        }
        boolean int32 = type.format().map("int32"::equals).orElse(false);
        yield (int32 ? value.canConvertToInt() : value.canConvertToLong()) ? null : (int32 ? "int32" : "int64") + " in range";
      }
      default -> null;
    };
  }

  private static boolean isBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
      case BOOLEAN -> "boolean";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
