package io.tidewater.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAPI v3 component schemas, named as Kubernetes names them ({@code io.k8s.api.apps.v1.Deployment}).
 *
 * <p>{@link #builtin()} holds the built-in Kubernetes kinds Tidewater serves, generated from
 * client-java's models (see {@code BuiltinSchemaGenerator} in this module's tests). Tidewater's own
 * kinds are added with {@link #withDefinitions(Map)}. A catalog is immutable: the documents handed out
 * are copies, and the {@link TypeNode}s it resolves are cached and shared.
 */
public final class SchemaCatalog {

  /** Where the generated built-in definitions live on the class path. */
  public static final String BUILTIN_RESOURCE = "/io/tidewater/api/schema/kubernetes-definitions.json";

  private static final String GVK_EXTENSION = "x-kubernetes-group-version-kind";

  private final SortedMap<String, ObjectNode> definitions;
  private final Map<GroupVersionKind, String> byKind;
  private final ConcurrentHashMap<String, TypeNode> types = new ConcurrentHashMap<>();

  private SchemaCatalog(SortedMap<String, ObjectNode> definitions) {
    this.definitions = Collections.unmodifiableSortedMap(definitions);
    this.byKind = indexKinds(definitions);
    checkReferences(definitions);
  }

  /** The built-in Kubernetes definitions, loaded once from {@link #BUILTIN_RESOURCE}. */
  public static SchemaCatalog builtin() {
    return BuiltinHolder.INSTANCE;
  }

  /** A catalog of exactly these definitions (copied). Every {@code $ref} must resolve. */
  public static SchemaCatalog of(Map<String, ObjectNode> definitions) {
    SortedMap<String, ObjectNode> copy = new TreeMap<>();
    definitions.forEach((name, schema) -> copy.put(name, schema.deepCopy()));
    return new SchemaCatalog(copy);
  }

  /**
   * This catalog plus more definitions, for example Tidewater's own kinds, which may reference the
   * built-in ones. Redefining an existing name with a different schema is an error.
   */
  public SchemaCatalog withDefinitions(Map<String, ObjectNode> extra) {
    SortedMap<String, ObjectNode> merged = new TreeMap<>(definitions);
    extra.forEach(
        (name, schema) -> {
          ObjectNode existing = merged.get(name);
          if (existing != null && !existing.equals(schema)) {
            throw new IllegalArgumentException("definition " + name + " is already defined differently");
          }
          merged.put(name, schema.deepCopy());
        });
    return new SchemaCatalog(merged);
  }

  /** All definition names, sorted. */
  public SortedSet<String> definitionNames() {
    return new TreeSet<>(definitions.keySet());
  }

  /** A copy of one definition. */
  public Optional<ObjectNode> definition(String name) {
    return Optional.ofNullable(definitions.get(name)).map(ObjectNode::deepCopy);
  }

  /** The definition that declares this kind through {@code x-kubernetes-group-version-kind}. */
  public Optional<String> definitionName(GroupVersionKind kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The kinds that have a definition, for discovery and sanity checks. */
  public Set<GroupVersionKind> kinds() {
    return Collections.unmodifiableSet(byKind.keySet());
  }

  /** The named definitions and every definition reachable from them through {@code $ref}. */
  public SortedSet<String> closure(Set<String> names) {
    SortedSet<String> seen = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>(names);
    while (!pending.isEmpty()) {
      String name = pending.pop();
      ObjectNode schema = definitions.get(name);
      if (schema == null) {
        throw new IllegalArgumentException("unknown definition " + name);
      }
      if (seen.add(name)) {
        collectReferences(schema, pending);
      }
    }
    return seen;
  }

  /**
   * The {@code components.schemas} object of an OpenAPI v3 document that needs these definitions:
   * their closure, sorted by name, as copies the caller may change.
   */
  public ObjectNode schemas(Set<String> roots) {
    ObjectNode schemas = JsonNodeFactory.instance.objectNode();
    for (String name : closure(roots)) {
      schemas.set(name, definitions.get(name).deepCopy());
    }
    return schemas;
  }

  /** The root type of a kind. */
  public Optional<TypeNode> type(GroupVersionKind kind) {
    return definitionName(kind).map(this::type);
  }

  /** The type of a named definition. */
  public TypeNode type(String definitionName) {
    return types.computeIfAbsent(
        definitionName,
        name -> {
          ObjectNode schema = definitions.get(name);
          if (schema == null) {
            throw new IllegalArgumentException("unknown definition " + name);
          }
          ObjectNode ref = JsonNodeFactory.instance.objectNode();
          ref.put("$ref", "#/components/schemas/" + name);
          return TypeNode.resolve(definitions::get, ref);
        });
  }

  private static Map<GroupVersionKind, String> indexKinds(Map<String, ObjectNode> definitions) {
    Map<GroupVersionKind, String> index = new HashMap<>();
    definitions.forEach(
        (name, schema) -> {
          for (JsonNode gvk : schema.path(GVK_EXTENSION)) {
            GroupVersionKind kind =
                new GroupVersionKind(
                    gvk.path("group").asText(""), gvk.path("version").asText(), gvk.path("kind").asText());
            String previous = index.put(kind, name);
            // DeleteOptions and WatchEvent list every group version; real kinds must be unique.
            if (previous != null && !previous.equals(name) && !isShared(kind.kind())) {
              throw new IllegalArgumentException(kind + " is declared by " + previous + " and " + name);
            }
          }
        });
    return Collections.unmodifiableMap(index);
  }

  private static boolean isShared(String kind) {
    return kind.equals("DeleteOptions") || kind.equals("WatchEvent");
  }

  private static void checkReferences(Map<String, ObjectNode> definitions) {
    SortedSet<String> missing = new TreeSet<>();
    Deque<String> refs = new ArrayDeque<>();
    definitions.values().forEach(schema -> collectReferences(schema, refs));
    for (String ref : refs) {
      if (!definitions.containsKey(ref)) {
        missing.add(ref);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("unresolved schema references: " + missing);
    }
  }

  private static void collectReferences(JsonNode node, Deque<String> into) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String text = ref.asText();
        into.push(text.substring(text.lastIndexOf('/') + 1));
      }
      Iterator<JsonNode> children = node.elements();
      while (children.hasNext()) {
        collectReferences(children.next(), into);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectReferences(child, into));
    }
  }

  /** Loads the built-in definitions on first use. */
  private static final class BuiltinHolder {
    static final SchemaCatalog INSTANCE = load();

    private static SchemaCatalog load() {
      try (InputStream in = SchemaCatalog.class.getResourceAsStream(BUILTIN_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(BUILTIN_RESOURCE + " is missing from the class path");
        }
        JsonNode document = new ObjectMapper().readTree(in);
        SortedMap<String, ObjectNode> definitions = new TreeMap<>();
        document.properties().forEach(e -> definitions.put(e.getKey(), (ObjectNode) e.getValue()));
        return new SchemaCatalog(definitions);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + BUILTIN_RESOURCE, e);
      }
    }
  }
}
