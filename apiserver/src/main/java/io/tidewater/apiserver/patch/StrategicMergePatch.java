package io.tidewater.apiserver.patch;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.schema.TypeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}), driven by the
 * {@code x-kubernetes-patch-strategy} and {@code x-kubernetes-patch-merge-key} of the schema.
 *
 * <p>Follows k8s.io/apimachinery/pkg/util/strategicpatch when applying a patch to an object:
 *
 * <ul>
 *   <li>objects merge key by key, {@code null} deletes a key;
 *   <li>lists with strategy {@code merge} merge by their merge key (lists of objects) or as a union
 *       (lists of scalars, for example finalizers); other lists are replaced;
 *   <li>{@code $patch: replace} and {@code $patch: delete} on an object replace it or empty it;
 *       in a list, an element {@code {"name": "x", "$patch": "delete"}} deletes the element with that
 *       merge key and an element {@code {"$patch": "replace"}} replaces the whole list;
 *   <li>{@code $retainKeys: [..]} drops keys of the original that are not listed;
 *   <li>{@code $deleteFromPrimitiveList/<field>: [..]} removes values from a scalar list;
 *   <li>{@code $setElementOrder/<field>: [..]} orders the merged list: listed items in that order,
 *       items only on the server kept in their relative order.
 * </ul>
 *
 * <p>Differences from Kubernetes, deliberately: values a patch adds are stored with their directives
 * processed (Kubernetes copies them verbatim, directives included), and {@code $patch: merge} on an
 * object is accepted as the default it names (Kubernetes rejects it).
 */
public final class StrategicMergePatch {

  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private StrategicMergePatch() {}

  /**
   * Applies a strategic merge patch to a copy of the original.
   *
   * @param type the root type of the object, for example {@code catalog.type(gvk)}
   * @throws PatchException 400 for malformed directives, 422 when the patch cannot apply
   */
  public static ObjectNode apply(ObjectNode original, ObjectNode patch, TypeNode type) {
    return mergeMap(original.deepCopy(), patch.deepCopy(), type);
  }

  private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, TypeNode type) {
    JsonNode directive = patch.get(PATCH);
    if (directive != null) {
      switch (directive.asText()) {
        case "replace" -> {
          patch.remove(PATCH);
          return mergeMap(JSON.objectNode(), patch, type);
        }
        case "delete" -> {
          return JSON.objectNode();
        }
        case "merge" -> patch.remove(PATCH);
        default -> throw PatchException.badRequest("unknown patch type: " + directive.asText() + " in map: " + patch);
      }
    }
    ObjectNode result = original == null ? JSON.objectNode() : original;
    applyRetainKeys(result, patch);
    applySetElementOrder(result, patch, type);
    for (Map.Entry<String, JsonNode> entry : new ArrayList<>(patch.properties())) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromPrimitiveList(result, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
        continue;
      }
      if (value.isNull()) {
        result.remove(key);
        continue;
      }
      TypeNode child = childType(type, key);
      JsonNode current = result.get(key);
      if (current == null || current.isNull() || shapeDiffers(current, value)) {
        if (!isDeleteDirective(value)) {
          result.set(key, materialise(value, child));
        }
      } else if (current.isObject()) {
        result.set(
            key,
            child.patchStrategies().contains("replace")
                ? materialise(value, child)
                : mergeMap((ObjectNode) current, (ObjectNode) value, child));
      } else if (current.isArray()) {
        result.set(key, mergeList((ArrayNode) current, (ArrayNode) value, child));
      } else {
        result.set(key, value);
      }
    }
    return result;
  }

  /** A value the patch adds where the original has none: directives processed, nulls dropped. */
  private static JsonNode materialise(JsonNode value, TypeNode type) {
    if (value.isObject()) {
      return mergeMap(JSON.objectNode(), (ObjectNode) value, type);
    }
    if (value.isArray()) {
      return mergeList(JSON.arrayNode(), (ArrayNode) value, type);
    }
    return value;
  }

  private static boolean isDeleteDirective(JsonNode value) {
    return value.isObject() && "delete".equals(value.path(PATCH).asText(null));
  }

  private static boolean shapeDiffers(JsonNode a, JsonNode b) {
    return a.isObject() != b.isObject() || a.isArray() != b.isArray();
  }

  private static TypeNode childType(TypeNode type, String key) {
    return switch (type.kind()) {
      case STRUCT -> type.field(key).orElse(TypeNode.untyped());
      case MAP -> type.elements();
      default -> TypeNode.untyped();
    };
  }

  private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode retain = patch.remove(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchException.badRequest("invalid patch format of retainKeys");
    }
    Set<String> keep = new HashSet<>();
    retain.forEach(k -> keep.add(k.asText()));
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      if (entry.getValue().isNull()
          || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
          || key.startsWith(SET_ELEMENT_ORDER)
          || key.equals(PATCH)) {
        continue;
      }
      if (!keep.contains(key)) {
        throw PatchException.unprocessable("patch content doesn't match retainKeys list");
      }
    }
    List<String> drop = new ArrayList<>();
    original.fieldNames().forEachRemaining(k -> {
      if (!keep.contains(k)) {
        drop.add(k);
      }
    });
    original.remove(drop);
  }

  private static void deleteFromPrimitiveList(ObjectNode original, String field, JsonNode values) {
    if (!values.isArray()) {
      throw PatchException.badRequest("invalid patch format of primitive list");
    }
    JsonNode current = original.get(field);
    if (current == null || !current.isArray()) {
      return;
    }
    ArrayNode kept = JSON.arrayNode();
    for (JsonNode item : current) {
      if (!contains(values, item)) {
        kept.add(item);
      }
    }
    original.set(field, kept);
  }

  /** Processes every {@code $setElementOrder/<field>}, merging and ordering that field's list. */
  private static void applySetElementOrder(ObjectNode original, ObjectNode patch, TypeNode type) {
    List<String> directives = new ArrayList<>();
    patch.fieldNames().forEachRemaining(k -> {
      if (k.startsWith(SET_ELEMENT_ORDER)) {
        directives.add(k);
      }
    });
    for (String directive : directives) {
      JsonNode order = patch.remove(directive);
      if (!order.isArray()) {
        throw PatchException.badRequest("invalid patch format of setElementOrder list");
      }
      String field = directive.substring(SET_ELEMENT_ORDER.length());
      TypeNode listType = childType(type, field);
      String mergeKey = listType.patchMergeKey().orElse(null);
      JsonNode originalList = original.get(field);
      JsonNode patchList = patch.remove(field);
      if (originalList != null && !originalList.isArray() || patchList != null && !patchList.isArray()) {
        throw PatchException.badRequest("invalid patch format of setElementOrder list");
      }
      checkOrderMatchesPatch((ArrayNode) patchList, (ArrayNode) order, mergeKey);
      ArrayNode merged;
      if (patchList == null) {
        if (originalList == null) {
          continue;
        }
        merged = (ArrayNode) originalList;
      } else {
        merged =
            mergeList(originalList == null ? JSON.arrayNode() : (ArrayNode) originalList, (ArrayNode) patchList, listType);
      }
      List<JsonNode> inOrder = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      for (JsonNode item : merged) {
        (indexOf((ArrayNode) order, item, mergeKey) >= 0 ? inOrder : serverOnly).add(item);
      }
      ArrayNode serverOrder = originalList == null ? JSON.arrayNode() : (ArrayNode) originalList;
      original.set(field, normalizeOrder(inOrder, serverOnly, (ArrayNode) order, serverOrder, mergeKey));
    }
  }

  /** The patch list's items must appear in the order list, in the same relative order. */
  private static void checkOrderMatchesPatch(ArrayNode patchList, ArrayNode order, String mergeKey) {
    if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : patchList) {
      if (!(item.isObject() && item.has(PATCH))) {
        items.add(item);
      }
    }
    int p = 0;
    for (int o = 0; p < items.size() && o < order.size(); o++) {
      if (sameItem(items.get(p), order.get(o), mergeKey)) {
        p++;
      }
    }
    if (p < items.size()) {
      throw PatchException.badRequest(
          "The order in patch list: " + patchList + " doesn't match " + SET_ELEMENT_ORDER + " list: " + order);
    }
  }

  /** Merges two lists by the list's patch strategy. */
  private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, TypeNode listType) {
    if (!listType.patchStrategies().contains("merge")) {
      return patch.deepCopy();
    }
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    boolean objects = elementsAreObjects(original, patch);
    if (!objects) {
      ArrayNode merged = JSON.arrayNode();
      for (JsonNode item : original) {
        if (!contains(merged, item)) {
          merged.add(item);
        }
      }
      for (JsonNode item : patch) {
        if (!contains(merged, item)) {
          merged.add(item);
        }
      }
      return partitionAndOrder(merged, patch, original, null);
    }
    String mergeKey =
        listType
            .patchMergeKey()
            .orElseThrow(() -> PatchException.unprocessable("cannot merge lists without merge key for " + describe(listType)));
    ArrayNode serverItems = original.deepCopy();
    ArrayNode patchItems = JSON.arrayNode();
    boolean replace = false;
    for (JsonNode item : patch) {
      JsonNode directive = item.get(PATCH);
      if (directive == null) {
        patchItems.add(item);
        continue;
      }
      switch (directive.asText()) {
        case "delete" -> {
          JsonNode key = item.get(mergeKey);
          if (key == null) {
            throw noMergeKey(item, mergeKey);
          }
          ArrayNode kept = JSON.arrayNode();
          for (JsonNode existing : serverItems) {
            if (!JsonValues.equal(existing.get(mergeKey), key)) {
              kept.add(existing);
            }
          }
          serverItems = kept;
        }
        case "replace" -> replace = true;
        case "merge" -> throw PatchException.badRequest("merging lists cannot yet be specified in the patch");
        default -> throw PatchException.badRequest("unknown patch type: " + directive.asText() + " in map: " + item);
      }
    }
    if (replace) {
      // The list becomes the patch's ordinary elements, as if the server had none.
      serverItems = JSON.arrayNode();
      for (JsonNode item : patchItems) {
        serverItems.add(materialise(item, listType.elements()));
      }
      patchItems = JSON.arrayNode();
    }
    ArrayNode merged = serverItems.deepCopy();
    for (JsonNode item : patchItems) {
      JsonNode key = item.get(mergeKey);
      if (key == null) {
        throw noMergeKey(item, mergeKey);
      }
      int index = indexOf(merged, item, mergeKey);
      if (index >= 0) {
        merged.set(index, mergeMap((ObjectNode) merged.get(index), (ObjectNode) item, listType.elements()));
      } else {
        merged.add(materialise(item, listType.elements()));
      }
    }
    return partitionAndOrder(merged, patchItems, serverItems, mergeKey);
  }

  private static ArrayNode partitionAndOrder(ArrayNode merged, ArrayNode patch, ArrayNode original, String mergeKey) {
    List<JsonNode> inPatch = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode item : merged) {
      if (mergeKey != null && !item.has(mergeKey)) {
        throw noMergeKey(item, mergeKey);
      }
      (indexOf(patch, item, mergeKey) >= 0 ? inPatch : serverOnly).add(item);
    }
    return normalizeOrder(inPatch, serverOnly, patch, original, mergeKey);
  }

  /**
   * Orders patch items as the patch (or {@code $setElementOrder}) lists them and server-only items as
   * the server had them, then interleaves the two so each keeps its relative order and server-only
   * items stay before the patch items that followed them on the server.
   */
  private static ArrayNode normalizeOrder(
      List<JsonNode> patchItems, List<JsonNode> serverOnly, ArrayNode patchOrder, ArrayNode serverOrder, String mergeKey) {
    List<JsonNode> right = new ArrayList<>(patchItems);
    right.sort(Comparator.comparingInt(item -> positionIn(patchOrder, item, mergeKey)));
    List<JsonNode> left = new ArrayList<>(serverOnly);
    left.sort(Comparator.comparingInt(item -> positionIn(serverOrder, item, mergeKey)));
    ArrayNode out = JSON.arrayNode();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = indexOf(serverOrder, left.get(i), mergeKey);
        int ri = indexOf(serverOrder, right.get(j), mergeKey);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  private static int positionIn(ArrayNode list, JsonNode item, String mergeKey) {
    int index = indexOf(list, item, mergeKey);
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  private static int indexOf(ArrayNode list, JsonNode item, String mergeKey) {
    for (int i = 0; i < list.size(); i++) {
      if (sameItem(list.get(i), item, mergeKey)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameItem(JsonNode a, JsonNode b, String mergeKey) {
    if (mergeKey == null) {
      return JsonValues.equal(a, b);
    }
    JsonNode ka = a.get(mergeKey);
    return ka != null && JsonValues.equal(ka, b.get(mergeKey));
  }

  private static boolean contains(JsonNode list, JsonNode item) {
    for (JsonNode candidate : list) {
      if (JsonValues.equal(candidate, item)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the lists hold objects (true) or scalars (false); mixed and nested lists are errors. */
  private static boolean elementsAreObjects(ArrayNode original, ArrayNode patch) {
    Boolean objects = null;
    for (ArrayNode list : List.of(original, patch)) {
      for (JsonNode item : list) {
        if (item.isArray()) {
          throw PatchException.unprocessable("lists of lists are not supported");
        }
        if (item.isNull()) {
          continue;
        }
        boolean isObject = item.isObject();
        if (objects != null && objects != isObject) {
          throw PatchException.badRequest("invalid list: elements must be all objects or all scalars: " + patch);
        }
        objects = isObject;
      }
    }
    return Boolean.TRUE.equals(objects);
  }

  private static PatchException noMergeKey(JsonNode item, String mergeKey) {
    return PatchException.unprocessable("map: " + item + " does not contain declared merge key: " + mergeKey);
  }

  private static String describe(TypeNode listType) {
    return listType.elements().definitionName().orElse("list");
  }
}
