package io.tidewater.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A resolved, navigable view of one place in an OpenAPI v3 schema, for the patch and apply engines.
 *
 * <p>A node combines the schema as written at its site (a property, {@code items},
 * {@code additionalProperties} or a definition) with the definition it references through
 * {@code $ref} or a single-{@code $ref} {@code allOf}. Extensions written at the site win over the
 * referenced definition's, which is how Kubernetes attaches list and patch semantics to a field.
 *
 * <p>Children are resolved lazily and cached, so self-referencing schemas (JSONSchemaProps-like) are
 * safe and a node costs one map lookup to create. Instances are immutable apart from those caches and
 * safe to share between threads.
 */
public final class TypeNode {

  /** What shape of value a node describes. */
  public enum Kind {
    /** An object with declared fields ({@code properties}). */
    STRUCT,
    /** An object with arbitrary keys, all of one element type ({@code additionalProperties}). */
    MAP,
    /** An array ({@code items}). */
    LIST,
    /** A string, number, integer or boolean, including int-or-string. */
    SCALAR,
    /** Anything: RawExtension, FieldsV1, {@code x-kubernetes-preserve-unknown-fields}, no schema. */
    UNTYPED
  }

  /** {@code x-kubernetes-list-type}. */
  public enum ListType {
    ATOMIC,
    SET,
    MAP
  }

  /** {@code x-kubernetes-map-type} (also Kubernetes' {@code +structType} on structs). */
  public enum MapType {
    GRANULAR,
    ATOMIC
  }

  private static final TypeNode UNTYPED_NODE = new TypeNode(name -> null, null, null, null);

  private final Function<String, ObjectNode> definitions;
  private final ObjectNode site;
  private final String definitionName;
  private final ObjectNode shape;
  private final Kind kind;
  private final ConcurrentHashMap<String, Optional<TypeNode>> fieldCache = new ConcurrentHashMap<>();
  private volatile TypeNode elements;

  private TypeNode(
      Function<String, ObjectNode> definitions, ObjectNode site, String definitionName, ObjectNode shape) {
    this.definitions = definitions;
    this.site = site;
    this.definitionName = definitionName;
    this.shape = shape;
    this.kind = shape == null ? Kind.UNTYPED : kindOf(shape);
  }

  /** A node for anything at all: maps are granular, lists atomic, as structured-merge-diff deduces. */
  public static TypeNode untyped() {
    return UNTYPED_NODE;
  }

  /**
   * Resolves the schema written at one site.
   *
   * @param definitions looks definitions up by name; returns null for unknown names
   */
  static TypeNode resolve(Function<String, ObjectNode> definitions, ObjectNode site) {
    String ref = referencedName(site);
    if (ref == null) {
      return new TypeNode(definitions, site, null, site);
    }
    ObjectNode target = definitions.apply(ref);
    if (target == null) {
      throw new IllegalStateException("unresolved schema reference " + ref);
    }
    return new TypeNode(definitions, site, ref, target);
  }

  /** The name of the definition this node's site references, if any. */
  static String referencedName(JsonNode site) {
    String ref = site.path("$ref").asText(null);
    if (ref == null) {
      for (JsonNode part : site.path("allOf")) {
        ref = part.path("$ref").asText(null);
        if (ref != null) {
          break;
        }
      }
    }
    if (ref == null) {
      return null;
    }
    int slash = ref.lastIndexOf('/');
    return slash < 0 ? ref : ref.substring(slash + 1);
  }

  private static Kind kindOf(ObjectNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return Kind.SCALAR;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "array":
        return Kind.LIST;
      case "string", "integer", "number", "boolean":
        return Kind.SCALAR;
      default:
        break;
    }
    if (schema.has("properties")) {
      return Kind.STRUCT;
    }
    if (schema.path("additionalProperties").isObject()) {
      return Kind.MAP;
    }
    return Kind.UNTYPED;
  }

  public Kind kind() {
    return kind;
  }

  /** The definition this node resolves to, for example {@code io.k8s.api.core.v1.Container}. */
  public Optional<String> definitionName() {
    return Optional.ofNullable(definitionName);
  }

  /** The declared field, or empty when there is no such field; UNTYPED nodes have every field. */
  public Optional<TypeNode> field(String name) {
    if (kind == Kind.UNTYPED) {
      return Optional.of(UNTYPED_NODE);
    }
    if (kind != Kind.STRUCT) {
      return Optional.empty();
    }
    return fieldCache.computeIfAbsent(name, this::lookupField);
  }

  private Optional<TypeNode> lookupField(String name) {
    JsonNode property = shape.path("properties").get(name);
    if (property instanceof ObjectNode object) {
      return Optional.of(resolve(definitions, object));
    }
    return preserveUnknownFields() ? Optional.of(UNTYPED_NODE) : Optional.empty();
  }

  /**
   * Whether a STRUCT declares this field in {@code properties}; unlike {@link #field}, fields kept by
   * {@code x-kubernetes-preserve-unknown-fields} do not count.
   */
  public boolean declaresField(String name) {
    return kind == Kind.STRUCT && shape.path("properties").has(name);
  }

  /** The declared field names, in schema order; empty for anything but STRUCT. */
  public List<String> fieldNames() {
    if (kind != Kind.STRUCT) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    shape.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The fields a STRUCT requires ({@code required}). */
  public Set<String> requiredFields() {
    Set<String> names = new LinkedHashSet<>();
    shape.path("required").forEach(n -> names.add(n.asText()));
    return names;
  }

  /** The type of a LIST's items or a MAP's values; UNTYPED when the schema does not say. */
  public TypeNode elements() {
    TypeNode cached = elements;
    if (cached != null) {
      return cached;
    }
    TypeNode resolved =
        switch (kind) {
          case LIST -> childOrUntyped(shape.get("items"));
          case MAP -> childOrUntyped(shape.get("additionalProperties"));
          case UNTYPED -> UNTYPED_NODE;
          default -> throw new IllegalStateException(kind + " has no elements");
        };
    elements = resolved;
    return resolved;
  }

  private TypeNode childOrUntyped(JsonNode child) {
    return child instanceof ObjectNode object ? resolve(definitions, object) : UNTYPED_NODE;
  }

  /**
   * How a LIST merges. An explicit {@code x-kubernetes-list-type} wins; otherwise a list with patch
   * strategy {@code merge} and a merge key is a map keyed by it, as structured-merge-diff converts
   * legacy schemas; anything else is atomic.
   */
  public ListType listType() {
    String declared = extension("x-kubernetes-list-type");
    if (declared != null) {
      return switch (declared) {
        case "set" -> ListType.SET;
        case "map" -> ListType.MAP;
        default -> ListType.ATOMIC;
      };
    }
    if (patchStrategies().contains("merge") && patchMergeKey().isPresent()) {
      return ListType.MAP;
    }
    return ListType.ATOMIC;
  }

  /** The key fields of a map-type LIST, in declared order. */
  public List<String> listMapKeys() {
    List<String> keys = new ArrayList<>();
    JsonNode declared = site == null ? null : site.get("x-kubernetes-list-map-keys");
    if (declared == null && shape != null) {
      declared = shape.get("x-kubernetes-list-map-keys");
    }
    if (declared != null) {
      declared.forEach(k -> keys.add(k.asText()));
    } else if (listType() == ListType.MAP) {
      patchMergeKey().ifPresent(keys::add);
    }
    return keys;
  }

  /** The strategic merge patch strategies ({@code merge}, {@code retainKeys}, {@code replace}). */
  public Set<String> patchStrategies() {
    String declared = extension("x-kubernetes-patch-strategy");
    Set<String> strategies = new LinkedHashSet<>();
    if (declared != null) {
      for (String s : declared.split(",")) {
        if (!s.isBlank()) {
          strategies.add(s.trim());
        }
      }
    }
    return strategies;
  }

  /** The strategic merge patch merge key of a list of objects. */
  public Optional<String> patchMergeKey() {
    return Optional.ofNullable(extension("x-kubernetes-patch-merge-key"));
  }

  /** Whether a MAP or STRUCT is replaced as a whole ({@code x-kubernetes-map-type: atomic}). */
  public MapType mapType() {
    return "atomic".equals(extension("x-kubernetes-map-type")) ? MapType.ATOMIC : MapType.GRANULAR;
  }

  /** Whether fields the schema does not declare are kept ({@code x-kubernetes-preserve-unknown-fields}). */
  public boolean preserveUnknownFields() {
    return kind == Kind.UNTYPED || "true".equals(extension("x-kubernetes-preserve-unknown-fields"));
  }

  /** Whether a SCALAR accepts both integers and strings. */
  public boolean intOrString() {
    return "true".equals(extension("x-kubernetes-int-or-string"));
  }

  /** The OpenAPI type ({@code string}, {@code integer}, ...), empty when not declared. */
  public String type() {
    return shape == null ? "" : shape.path("type").asText("");
  }

  /** The OpenAPI format ({@code int32}, {@code date-time}, {@code int-or-string}, ...). */
  public Optional<String> format() {
    return Optional.ofNullable(shape == null ? null : shape.path("format").asText(null));
  }

  /** The description at the site, falling back to the referenced definition's. */
  public Optional<String> description() {
    return Optional.ofNullable(extension("description"));
  }

  /** The {@code default} written at the site or on the definition (a copy). */
  public Optional<JsonNode> defaultValue() {
    JsonNode value = site == null ? null : site.get("default");
    if (value == null && shape != null) {
      value = shape.get("default");
    }
    return Optional.ofNullable(value).map(JsonNode::deepCopy);
  }

  /** A site value as text, else the definition's. */
  private String extension(String name) {
    JsonNode value = site == null ? null : site.get(name);
    if (value == null && shape != null) {
      value = shape.get(name);
    }
    return value == null || value.isNull() ? null : value.asText();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TypeNode[").append(kind);
    if (definitionName != null) {
      s.append(' ').append(definitionName);
    }
    if (kind == Kind.STRUCT) {
      Iterator<String> it = shape.path("properties").fieldNames();
      int n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      s.append(", ").append(n).append(" fields");
    }
    return s.append(']').toString();
  }
}
