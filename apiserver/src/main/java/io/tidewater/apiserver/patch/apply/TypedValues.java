package io.tidewater.apiserver.patch.apply;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.schema.TypeNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema-aware operations of structured-merge-diff on JSON trees: a value's field set, the
 * comparison of two values, the merge of an applied configuration into a live object, and the
 * removal of owned items.
 *
 * <p>How a value is walked depends on its type: scalars and atomic lists, maps and structs are
 * leaves; granular maps and structs are walked by field; list-maps and sets are walked by item, the
 * item named by its key fields or its value. UNTYPED values are walked as structured-merge-diff
 * deduces them: objects granular, lists atomic.
 *
 * <p>A "present" value is any JSON node including {@code null}; Java {@code null} means absent.
 */
final class TypedValues {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TypedValues() {}

  /** How one value is walked. */
  private enum Shape {
    LEAF,
    MAP,
    LIST
  }

  // ---------------------------------------------------------------- shapes and children

  private static Shape shape(TypeNode type, JsonNode lhs, JsonNode rhs) {
    JsonNode sample = present(rhs) ? rhs : lhs;
    return switch (type.kind()) {
      case SCALAR -> Shape.LEAF;
      case STRUCT, MAP -> {
        if (type.mapType() == TypeNode.MapType.ATOMIC || !allObjects(lhs, rhs)) {
          yield Shape.LEAF;
        }
        yield Shape.MAP;
      }
      case LIST -> {
        if (type.listType() == TypeNode.ListType.ATOMIC || !allArrays(lhs, rhs)) {
          yield Shape.LEAF;
        }
        yield Shape.LIST;
      }
      case UNTYPED -> sample != null && sample.isObject() && allObjects(lhs, rhs) ? Shape.MAP : Shape.LEAF;
    };
  }

  /** A non-null JSON value (JSON {@code null} and absence both count as not present). */
  private static boolean present(JsonNode value) {
    return value != null && !value.isNull();
  }

  private static boolean allObjects(JsonNode lhs, JsonNode rhs) {
    return (!present(lhs) || lhs.isObject()) && (!present(rhs) || rhs.isObject());
  }

  private static boolean allArrays(JsonNode lhs, JsonNode rhs) {
    return (!present(lhs) || lhs.isArray()) && (!present(rhs) || rhs.isArray());
  }

  private static boolean isEmptyContainer(JsonNode value) {
    return !present(value) || (value.isContainerNode() && value.isEmpty());
  }

  /** The type of a field or map entry; null when a struct does not declare it and strict is set. */
  private static TypeNode childType(TypeNode type, String key, FieldPath path, boolean strict) {
    return switch (type.kind()) {
      case STRUCT -> {
        var field = type.field(key);
        if (field.isPresent()) {
          yield field.get();
        }
        if (strict) {
          throw new TypedValueException(path.child(new PathElement.Field(key)), "field not declared in schema", true);
        }
        yield TypeNode.untyped();
      }
      case MAP -> type.elements();
      default -> TypeNode.untyped();
    };
  }

  private static TypeNode childType(TypeNode type, PathElement element) {
    if (element instanceof PathElement.Field field) {
      return childType(type, field.name(), FieldPath.ROOT, false);
    }
    return type.kind() == TypeNode.Kind.LIST ? type.elements() : TypeNode.untyped();
  }

  /** Whether a key is a declared field (not a map entry), which decides its membership. */
  private static boolean isDeclaredField(TypeNode type, String key) {
    return type.declaresField(key);
  }

  /** The path element naming one item of a non-atomic list. */
  static PathElement itemElement(TypeNode listType, JsonNode item, int index, FieldPath path) {
    switch (listType.listType()) {
      case MAP -> {
        List<String> keys = listType.listMapKeys();
        if (keys.isEmpty()) {
          throw new TypedValueException(path, "element " + index + ": associative list with no key fields", false);
        }
        if (!item.isObject()) {
          throw new TypedValueException(path, "element " + index + ": expected map, got " + item.getNodeType().name().toLowerCase(), false);
        }
        List<PathElement.KeyField> fields = new ArrayList<>();
        for (String key : keys) {
          JsonNode value = item.get(key);
          if (!present(value)) {
            value = listType.elements().field(key).flatMap(TypeNode::defaultValue).orElse(null);
          }
          if (value == null) {
            throw new TypedValueException(
                path,
                "element " + index + ": associative list with keys has an element that omits key field \"" + key
                    + "\" (and doesn't have default value)",
                false);
          }
          fields.add(new PathElement.KeyField(key, value));
        }
        return new PathElement.Key(fields);
      }
      case SET -> {
        if (item.isContainerNode()) {
          throw new TypedValueException(path, "element " + index + ": associative list without keys has an element that's a map type", false);
        }
        return new PathElement.Value(item);
      }
      default -> {
        return new PathElement.Index(index);
      }
    }
  }

  /** The items of a list by path element; the first of duplicates wins. */
  private static Map<PathElement, JsonNode> indexItems(
      TypeNode listType, JsonNode list, FieldPath path, List<PathElement> order, boolean rejectDuplicates) {
    Map<PathElement, JsonNode> items = new TreeMap<>();
    if (!present(list)) {
      return items;
    }
    for (int i = 0; i < list.size(); i++) {
      PathElement pe = itemElement(listType, list.get(i), i, path);
      if (items.containsKey(pe)) {
        if (rejectDuplicates) {
          throw new TypedValueException(path, "duplicate entries for key " + pe, false);
        }
        continue; // as structured-merge-diff does, later duplicates are ignored
      }
      items.put(pe, list.get(i));
      if (order != null) {
        order.add(pe);
      }
    }
    return items;
  }

  // ---------------------------------------------------------------- field sets

  /**
   * The paths a value sets, as structured-merge-diff's ToFieldSet: scalars and atomic values, every
   * list item, and every map entry (keys a struct does not declare). A struct field holding an empty
   * object, or a non-atomic struct or list field holding null, sets nothing by itself.
   *
   * @param strict reject undeclared fields and duplicate list keys (for applied configurations)
   */
  static FieldSet toFieldSet(JsonNode value, TypeNode type, boolean strict) {
    FieldSet.Builder set = new FieldSet.Builder();
    collect(value, type, FieldPath.ROOT, set, strict);
    return set.build();
  }

  private static void collect(JsonNode value, TypeNode type, FieldPath path, FieldSet.Builder set, boolean strict) {
    switch (shape(type, value, null)) {
      case LEAF -> set.insert(path);
      case MAP -> {
        if (!present(value)) {
          return;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          FieldPath child = path.child(new PathElement.Field(field.getKey()));
          collect(field.getValue(), childType(type, field.getKey(), path, strict), child, set, strict);
          if (!isDeclaredField(type, field.getKey())) {
            set.insert(child);
          }
        }
      }
      case LIST -> {
        if (!present(value)) {
          return;
        }
        Set<PathElement> seen = new TreeSet<>();
        for (int i = 0; i < value.size(); i++) {
          PathElement pe = itemElement(type, value.get(i), i, path);
          if (!seen.add(pe) && strict) {
            throw new TypedValueException(path, "duplicate entries for key " + pe, false);
          }
          FieldPath child = path.child(pe);
          collect(value.get(i), type.elements(), child, set, strict);
          set.insert(child);
        }
      }
    }
  }

  // ---------------------------------------------------------------- comparison

  /** What changed from lhs to rhs: added, modified and removed paths. */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    /** Drops these paths and everything below them (Kubernetes' reset fields). */
    Comparison excluding(FieldSet ignored) {
      if (ignored.isEmpty()) {
        return this;
      }
      return new Comparison(
          added.recursiveDifference(ignored), modified.recursiveDifference(ignored), removed.recursiveDifference(ignored));
    }

    FieldSet changed() {
      return added.union(modified);
    }
  }

  static Comparison compare(JsonNode lhs, JsonNode rhs, TypeNode type) {
    FieldSet.Builder added = new FieldSet.Builder();
    FieldSet.Builder modified = new FieldSet.Builder();
    FieldSet.Builder removed = new FieldSet.Builder();
    compare(lhs, rhs, type, FieldPath.ROOT, added, modified, removed);
    return new Comparison(added.build(), modified.build(), removed.build());
  }

  private static void compare(
      JsonNode lhs,
      JsonNode rhs,
      TypeNode type,
      FieldPath path,
      FieldSet.Builder added,
      FieldSet.Builder modified,
      FieldSet.Builder removed) {
    Shape shape = shape(type, lhs, rhs);
    boolean leaf =
        shape == Shape.LEAF || (shape != Shape.LEAF && isEmptyContainer(lhs) && isEmptyContainer(rhs));
    if (leaf) {
      if (lhs == null) {
        added.insert(path);
      } else if (rhs == null) {
        removed.insert(path);
      } else if (!JsonValues.equal(lhs, rhs)) {
        modified.insert(path);
      }
      return;
    }
    if (shape == Shape.MAP) {
      Set<String> keys = new LinkedHashSet<>();
      if (present(lhs)) {
        lhs.fieldNames().forEachRemaining(keys::add);
      }
      if (present(rhs)) {
        rhs.fieldNames().forEachRemaining(keys::add);
      }
      for (String key : keys) {
        compare(
            present(lhs) ? lhs.get(key) : null,
            present(rhs) ? rhs.get(key) : null,
            childType(type, key, path, false),
            path.child(new PathElement.Field(key)),
            added,
            modified,
            removed);
      }
    } else {
      Map<PathElement, JsonNode> left = indexItems(type, lhs, path, null, false);
      Map<PathElement, JsonNode> right = indexItems(type, rhs, path, null, false);
      Set<PathElement> all = new TreeSet<>(left.keySet());
      all.addAll(right.keySet());
      for (PathElement pe : all) {
        compare(left.get(pe), right.get(pe), type.elements(), path.child(pe), added, modified, removed);
      }
    }
    if (!path.isRoot()) {
      if (lhs == null) {
        added.insert(path);
      } else if (rhs == null) {
        removed.insert(path);
      }
    }
  }

  // ---------------------------------------------------------------- merge

  /** Merges rhs into lhs: rhs wins on leaves, maps merge by key, list-maps and sets by item. */
  static JsonNode merge(JsonNode lhs, JsonNode rhs, TypeNode type) {
    return merge(lhs, rhs, type, FieldPath.ROOT);
  }

  private static JsonNode merge(JsonNode lhs, JsonNode rhs, TypeNode type, FieldPath path) {
    if (rhs == null) {
      return lhs == null ? null : lhs.deepCopy();
    }
    if (lhs == null || !present(rhs) || !present(lhs)) {
      return rhs.deepCopy();
    }
    switch (shape(type, lhs, rhs)) {
      case LEAF -> {
        return rhs.deepCopy();
      }
      case MAP -> {
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : lhs.properties()) {
          String key = field.getKey();
          JsonNode theirs = rhs.get(key);
          out.set(
              key,
              theirs == null
                  ? field.getValue().deepCopy()
                  : merge(field.getValue(), theirs, childType(type, key, path, false), path.child(new PathElement.Field(key))));
        }
        for (Map.Entry<String, JsonNode> field : rhs.properties()) {
          if (!out.has(field.getKey())) {
            out.set(field.getKey(), field.getValue().deepCopy());
          }
        }
        return out;
      }
      default -> {
        return mergeList(lhs, rhs, type, path);
      }
    }
  }

  /**
   * Merges two lists keeping structured-merge-diff's order: items shared by both sides follow the
   * applied (rhs) order, and items only on the live side stay where they were relative to them.
   */
  private static ArrayNode mergeList(JsonNode lhs, JsonNode rhs, TypeNode type, FieldPath path) {
    List<PathElement> lhsOrder = new ArrayList<>();
    List<PathElement> rhsOrder = new ArrayList<>();
    Map<PathElement, JsonNode> left = indexItems(type, lhs, path, lhsOrder, false);
    Map<PathElement, JsonNode> right = indexItems(type, rhs, path, rhsOrder, false);
    List<PathElement> shared = new ArrayList<>();
    for (PathElement pe : rhsOrder) {
      if (left.containsKey(pe)) {
        shared.add(pe);
      }
    }
    int nextSharedIndex = 0;
    PathElement nextShared = shared.isEmpty() ? null : shared.get(nextSharedIndex++);
    Set<PathElement> mergedRight = new TreeSet<>();
    ArrayNode out = JSON.arrayNode();
    TypeNode elements = type.elements();
    int l = 0;
    int r = 0;
    while (l < lhsOrder.size() || r < rhsOrder.size()) {
      if (l < lhsOrder.size() && r < rhsOrder.size()) {
        PathElement pe = lhsOrder.get(l);
        if (pe.compareTo(rhsOrder.get(r)) == 0) {
          mergedRight.add(pe);
          out.add(merge(left.get(pe), right.get(pe), elements, path.child(pe)));
          l++;
          r++;
          nextShared = nextSharedIndex < shared.size() ? shared.get(nextSharedIndex++) : null;
          continue;
        }
        if (right.containsKey(pe) && nextShared != null && nextShared.compareTo(pe) != 0) {
          // A shared item, but not the one due in this round: it is placed when its turn comes.
          l++;
          continue;
        }
      }
      if (l < lhsOrder.size()) {
        PathElement pe = lhsOrder.get(l);
        if (!right.containsKey(pe)) {
          out.add(left.get(pe).deepCopy());
          l++;
          continue;
        } else if (mergedRight.contains(pe)) {
          l++;
          continue;
        }
      }
      if (r < rhsOrder.size()) {
        PathElement pe = rhsOrder.get(r);
        mergedRight.add(pe);
        out.add(merge(left.get(pe), right.get(pe), elements, path.child(pe)));
        r++;
        if (nextShared != null && nextShared.compareTo(pe) == 0) {
          nextShared = nextSharedIndex < shared.size() ? shared.get(nextSharedIndex++) : null;
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- removal

  /** The value without the items that are members of the set (whole subtrees). */
  static JsonNode removeItems(JsonNode value, FieldSet toRemove, TypeNode type) {
    if (toRemove.isEmpty() || !present(value)) {
      return value;
    }
    switch (shape(type, value, null)) {
      case MAP -> {
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          PathElement pe = new PathElement.Field(field.getKey());
          if (toRemove.hasMember(pe)) {
            continue;
          }
          out.set(field.getKey(), removeItems(field.getValue(), toRemove.child(pe), childType(type, pe)));
        }
        return out;
      }
      case LIST -> {
        ArrayNode out = JSON.arrayNode();
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          PathElement pe;
          try {
            pe = itemElement(type, item, i, FieldPath.ROOT);
          } catch (TypedValueException e) {
            out.add(item);
            continue;
          }
          if (!toRemove.hasMember(pe)) {
            out.add(removeItems(item, toRemove.child(pe), type.elements()));
          }
        }
        return out;
      }
      default -> {
        return value;
      }
    }
  }

  /**
   * Makes every declared struct field that has owned paths below it a member too, so that pruning a
   * manager's last field under a struct removes the struct (structured-merge-diff's
   * EnsureNamedFieldsAreMembers).
   */
  static FieldSet ensureNamedFieldsAreMembers(FieldSet set, TypeNode type) {
    FieldSet.Builder out = new FieldSet.Builder();
    addEnsured(set, type, FieldPath.ROOT, out);
    return out.build();
  }

  private static void addEnsured(FieldSet set, TypeNode type, FieldPath prefix, FieldSet.Builder out) {
    set.members().forEach(pe -> out.insert(prefix.child(pe)));
    set.children()
        .forEach(
            (pe, child) -> {
              if (pe instanceof PathElement.Field field && type.declaresField(field.name())) {
                out.insert(prefix.child(pe));
              }
              addEnsured(child, childType(type, pe), prefix.child(pe), out);
            });
  }

  // ---------------------------------------------------------------- zero values

  /**
   * A value as it looks after a round trip through Kubernetes' Go types, which is what Kubernetes
   * compares: structs held by value (schema {@code default: {}}) are always present, and required
   * fields, which Go writes without omitempty, are present as their zero ({@code null} for lists,
   * maps and pointers). Creating a Deployment therefore does not report {@code spec} or
   * {@code spec.template.spec.containers} as added, and a first status write does not own
   * {@code status} itself, exactly as in Kubernetes.
   */
  static JsonNode withGoZeroValues(JsonNode value, TypeNode type) {
    return withGoZeroValues(value, type, 0);
  }

  /** The Go zero value of a kind, as {@link #withGoZeroValues} shapes it. */
  static ObjectNode zeroValue(TypeNode type) {
    return (ObjectNode) withGoZeroValues(JSON.objectNode(), type, 0);
  }

  private static JsonNode withGoZeroValues(JsonNode value, TypeNode type, int depth) {
    if (!present(value) || depth > 64) {
      return value;
    }
    switch (type.kind()) {
      case STRUCT -> {
        if (!value.isObject()) {
          return value;
        }
        // Built member by member: copying the whole subtree at every level made this quadratic in
        // the object's depth, and it runs on every write of every managed object.
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          JsonNode current = e.getValue();
          Optional<TypeNode> field = type.field(e.getKey());
          out.set(e.getKey(), field.isPresent() ? withGoZeroValues(current, field.get(), depth + 1) : current.deepCopy());
        }
        Set<String> required = type.requiredFields();
        for (String name : type.fieldNames()) {
          TypeNode field = type.field(name).orElseThrow();
          if (out.has(name)) {
            continue;
          } else if (isByValueStruct(field)) {
            out.set(name, withGoZeroValues(JSON.objectNode(), field, depth + 1));
          } else if (required.contains(name)) {
            out.set(
                name,
                field.kind() == TypeNode.Kind.SCALAR ? field.defaultValue().orElse(JSON.nullNode()) : JSON.nullNode());
          }
        }
        return out;
      }
      case LIST -> {
        if (!value.isArray()) {
          return value;
        }
        ArrayNode out = JSON.arrayNode();
        value.forEach(item -> out.add(withGoZeroValues(item, type.elements(), depth + 1)));
        return out;
      }
      case MAP -> {
        if (!value.isObject()) {
          return value;
        }
        ObjectNode out = JSON.objectNode();
        value.properties().forEach(e -> out.set(e.getKey(), withGoZeroValues(e.getValue(), type.elements(), depth + 1)));
        return out;
      }
      default -> {
        return value;
      }
    }
  }

  private static boolean isByValueStruct(TypeNode field) {
    return field.kind() == TypeNode.Kind.STRUCT
        && field.defaultValue().map(d -> d.isObject() && d.isEmpty()).orElse(false);
  }

  /** Removes {@code null} members from objects, recursively (a null in an applied config unsets). */
  static JsonNode withoutNulls(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isObject()) {
      ObjectNode out = JSON.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        if (!field.getValue().isNull()) {
          out.set(field.getKey(), withoutNulls(field.getValue()));
        }
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = JSON.arrayNode();
      value.forEach(item -> out.add(withoutNulls(item)));
      return out;
    }
    return value;
  }
}
