package io.tidewater.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch ({@code application/merge-patch+json}): objects merge member by member,
 * {@code null} deletes a member, and anything else (arrays included) replaces the target value.
 */
public final class MergePatch {

  private MergePatch() {}

  /** Applies a merge patch to a copy of the target; a non-object patch replaces the whole target. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null) {
      throw PatchException.badRequest("empty merge patch");
    }
    return merge(target, patch);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
      }
    }
    return result;
  }
}
