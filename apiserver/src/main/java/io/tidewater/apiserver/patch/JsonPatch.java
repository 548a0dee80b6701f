package io.tidewater.apiserver.patch;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * RFC 6902 JSON patch ({@code application/json-patch+json}) with the semantics of the library
 * Kubernetes uses (evanphx/json-patch): {@code remove} and {@code replace} fail on a missing path,
 * {@code test} compares numbers by value, negative array indices count from the end, and a patch
 * may hold at most {@value #MAX_OPERATIONS} operations.
 *
 * <p>Each operation is checked and its path resolved here, so the errors read like Kubernetes'; the
 * tree surgery itself is delegated to zjsonpatch one operation at a time.
 */
public final class JsonPatch {

  /** Kubernetes refuses larger patches with 413 Request Entity Too Large. */
  public static final int MAX_OPERATIONS = 10_000;

  private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

  private JsonPatch() {}

  /**
   * Applies a patch to a copy of the document.
   *
   * @throws PatchException 400 if the patch is not an array of objects, 413 if it is too long, 422 if
   *     an operation is invalid or does not apply
   */
  public static JsonNode apply(JsonNode document, JsonNode patch) {
    if (patch == null || !patch.isArray()) {
      throw PatchException.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    if (patch.size() > MAX_OPERATIONS) {
      throw new PatchException(
          PatchException.Status.REQUEST_ENTITY_TOO_LARGE,
          "The allowed maximum operations in a JSON patch is " + MAX_OPERATIONS + ", got " + patch.size());
    }
    List<ObjectNode> operations = new ArrayList<>();
    for (JsonNode operation : patch) {
      if (!operation.isObject()) {
        throw PatchException.badRequest(
            "json: cannot unmarshal " + operation.getNodeType().name().toLowerCase() + " into Go value of type jsonpatch.Operation");
      }
      operations.add((ObjectNode) operation);
    }
    JsonNode current = document.deepCopy();
    for (ObjectNode operation : operations) {
      current = applyOne(current, operation);
    }
    return current;
  }

  private static JsonNode applyOne(JsonNode doc, ObjectNode operation) {
    String op = operation.path("op").asText("unknown");
    return switch (op) {
      case "add" -> add(doc, path(operation, "path", op), value(operation, op));
      case "remove" -> remove(doc, path(operation, "path", op));
      case "replace" -> replace(doc, path(operation, "path", op), value(operation, op));
      case "move" -> move(doc, path(operation, "from", op), path(operation, "path", op));
      case "copy" -> copy(doc, path(operation, "from", op), path(operation, "path", op));
      case "test" -> test(doc, path(operation, "path", op), operation.get("value"));
      default -> throw PatchException.unprocessable("Unexpected kind: " + op);
    };
  }

  private static JsonPointer path(ObjectNode operation, String member, String op) {
    JsonNode text = operation.get(member);
    if (text == null || !text.isTextual()) {
      throw PatchException.unprocessable(op + " operation is missing the \"" + member + "\" member");
    }
    return JsonPointer.parse(text.asText());
  }

  private static JsonNode value(ObjectNode operation, String op) {
    JsonNode value = operation.get("value");
    if (value == null) {
      throw PatchException.unprocessable(op + " operation has no value");
    }
    return value;
  }

  private static JsonNode add(JsonNode doc, JsonPointer path, JsonNode value) {
    if (path.isRoot()) {
      return value.deepCopy();
    }
    JsonNode parent = container(doc, path, "add");
    String token = path.last();
    if (parent.isArray()) {
      int size = parent.size();
      if (!token.equals("-")) {
        int index = index(token, size + 1, "add");
        token = index == size ? "-" : Integer.toString(index);
      }
    }
    return delegate(doc, "add", path.parent().child(token), null, value);
  }

  private static JsonNode remove(JsonNode doc, JsonPointer path) {
    if (path.isRoot()) {
      throw PatchException.unprocessable("remove operation does not apply: doc is missing path: \"\": missing value");
    }
    JsonNode parent = container(doc, path, "remove");
    String token = resolveExisting(parent, path, "remove");
    return delegate(doc, "remove", path.parent().child(token), null, null);
  }

  private static JsonNode replace(JsonNode doc, JsonPointer path, JsonNode value) {
    if (path.isRoot()) {
      return value.deepCopy();
    }
    JsonNode parent = container(doc, path, "replace");
    String token = resolveExisting(parent, path, "replace");
    return delegate(doc, "replace", path.parent().child(token), null, value);
  }

  private static JsonNode move(JsonNode doc, JsonPointer from, JsonPointer path) {
    JsonNode value = existing(doc, from, "move");
    if (path.startsWith(from) && !path.equals(from)) {
      throw PatchException.unprocessable("move operation does not apply: cannot move \"" + from + "\" into its child \"" + path + "\"");
    }
    if (path.equals(from)) {
      return doc;
    }
    JsonNode removed = remove(doc, from);
    return add(removed, path, value);
  }

  private static JsonNode copy(JsonNode doc, JsonPointer from, JsonPointer path) {
    JsonNode value = existing(doc, from, "copy");
    return add(doc, path, value.deepCopy());
  }

  private static JsonNode test(JsonNode doc, JsonPointer path, JsonNode expected) {
    JsonNode actual = path.resolve(doc);
    boolean absentMatches = actual == null && (expected == null || expected.isNull());
    if (!absentMatches && !JsonValues.equal(actual, expected == null ? JsonNodeFactory.instance.nullNode() : expected)) {
      throw PatchException.unprocessable("testing value " + path + " failed: test failed");
    }
    return doc;
  }

  /** The parent container of a path, which must exist. */
  private static JsonNode container(JsonNode doc, JsonPointer path, String op) {
    JsonNode parent = path.parent().resolve(doc);
    if (parent == null || !(parent.isObject() || parent.isArray())) {
      throw PatchException.unprocessable(op + " operation does not apply: doc is missing path: \"" + path + "\": missing value");
    }
    return parent;
  }

  /** The token of an existing member, with a negative array index turned into a plain one. */
  private static String resolveExisting(JsonNode parent, JsonPointer path, String op) {
    String token = path.last();
    if (parent.isObject()) {
      if (!parent.has(token)) {
        throw PatchException.unprocessable(
            op.equals("remove")
                ? "Unable to remove nonexistent key: " + token + ": missing value"
                : op + " operation does not apply: doc is missing key: " + path + ": missing value");
      }
      return token;
    }
    return Integer.toString(index(token, parent.size(), op));
  }

  private static JsonNode existing(JsonNode doc, JsonPointer path, String op) {
    JsonNode value = path.resolve(doc);
    if (value == null) {
      throw PatchException.unprocessable(op + " operation does not apply: doc is missing from path: \"" + path + "\": missing value");
    }
    return value;
  }

  /** An array index in {@code [-size, size)}, negative ones counting from the end. */
  private static int index(String token, int size, String op) {
    int index;
    try {
      index = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw PatchException.unprocessable(op + " operation does not apply: value was not a proper array index: '" + token + "'");
    }
    if (index < 0) {
      index += size;
    }
    if (index < 0 || index >= size) {
      throw PatchException.unprocessable("Unable to access invalid index: " + token + ": invalid index referenced");
    }
    return index;
  }

  private static JsonNode delegate(JsonNode doc, String op, JsonPointer path, JsonPointer from, JsonNode value) {
    ArrayNode single = JsonNodeFactory.instance.arrayNode();
    ObjectNode operation = single.addObject().put("op", op).put("path", path.toString());
    if (from != null) {
      operation.put("from", from.toString());
    }
    if (value != null) {
      operation.set("value", value.deepCopy());
    }
    try {
      return com.flipkart.zjsonpatch.JsonPatch.apply(single, doc, FLAGS);
    } catch (JsonPatchApplicationException | IllegalStateException e) {
      throw PatchException.unprocessable(op + " operation does not apply: " + e.getMessage());
    }
  }

  /** An RFC 6901 JSON pointer. */
  private record JsonPointer(List<String> tokens) {

    static JsonPointer parse(String text) {
      if (text.isEmpty()) {
        return new JsonPointer(List.of());
      }
      if (!text.startsWith("/")) {
        throw PatchException.unprocessable("JSON pointer must be empty or start with a \"/\": " + text);
      }
      List<String> tokens = new ArrayList<>();
      for (String raw : text.substring(1).split("/", -1)) {
        tokens.add(raw.replace("~1", "/").replace("~0", "~"));
      }
      return new JsonPointer(List.copyOf(tokens));
    }

    boolean isRoot() {
      return tokens.isEmpty();
    }

    String last() {
      return tokens.get(tokens.size() - 1);
    }

    JsonPointer parent() {
      return new JsonPointer(tokens.subList(0, tokens.size() - 1));
    }

    JsonPointer child(String token) {
      List<String> more = new ArrayList<>(tokens);
      more.add(token);
      return new JsonPointer(List.copyOf(more));
    }

    boolean startsWith(JsonPointer prefix) {
      return tokens.size() >= prefix.tokens.size() && tokens.subList(0, prefix.tokens.size()).equals(prefix.tokens);
    }

    /** The value at this pointer, or null when there is none. */
    JsonNode resolve(JsonNode doc) {
      JsonNode node = doc;
      for (String token : tokens) {
        if (node == null) {
          return null;
        }
        if (node.isObject()) {
          node = node.get(token);
        } else if (node.isArray()) {
          try {
            int index = Integer.parseInt(token);
            node = index < 0 ? node.get(node.size() + index) : node.get(index);
          } catch (NumberFormatException e) {
            return null;
          }
        } else {
          return null;
        }
      }
      return node;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      for (String token : tokens) {
        out.append('/').append(token.replace("~", "~0").replace("/", "~1"));
      }
      return out.toString();
    }
  }
}
