package io.tidewater.api.kinds.openapi;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds OpenAPI v3 component schemas, shaped like the Kubernetes API server's {@code /openapi/v3} output,
 * from Tidewater's records by reflection: one schema per kind with nested records inlined (as Kubernetes
 * publishes custom resources), descriptions from {@code @JsonPropertyDescription}, {@code required} from
 * {@link Required}, enums from Java enums, list semantics from {@link ListMap} and {@link ListSet}, and
 * {@code allOf: [{$ref}]} to the built-in definitions for embedded fabric8 types.
 *
 * <p>A component without a description is a build error rather than a silent gap in {@code kubectl explain}.
 */
public final class OpenApiGenerator {
  private OpenApiGenerator() {}

  public static final String REF_PREFIX = "#/components/schemas/";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The definition of a kind: its record's schema plus {@code x-kubernetes-group-version-kind}. */
  public static ObjectNode kind(Class<? extends Record> type, String group, String version, String kind) {
    if (type.getAnnotation(JsonClassDescription.class) == null) {
      throw new IllegalStateException(type.getName() + " has no @JsonClassDescription");
    }
    ObjectNode schema = record(type);
    schema.set("x-kubernetes-group-version-kind", gvk(group, version, kind));
    return schema;
  }

  /** The definition of {@code <Kind>List}, whose items refer to the kind's definition. */
  public static ObjectNode list(String itemDefinition, String group, String version, String itemKind) {
    ObjectNode schema = F.objectNode();
    schema.put("description", itemKind + "List is a list of " + itemKind + " objects.");
    schema.put("type", "object");
    schema.set("required", F.arrayNode().add("items"));
    ObjectNode props = schema.putObject("properties");
    props.set("apiVersion", string(Docs.API_VERSION));
    props.set("kind", string(Docs.KIND));
    props.set("metadata", describe(ref("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"), Docs.LIST_METADATA));
    ObjectNode items = props.putObject("items");
    items.put("description", "The " + itemKind + " objects.");
    items.put("type", "array");
    items.set("items", wrapRef(ref(itemDefinition)));
    schema.set("x-kubernetes-group-version-kind", gvk(group, version, itemKind + "List"));
    return schema;
  }

  /** The inline schema of a record type, recursively. */
  public static ObjectNode record(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    ObjectNode schema = F.objectNode();
    JsonClassDescription cd = type.getAnnotation(JsonClassDescription.class);
    if (cd != null) {
      schema.put("description", cd.value());
    }
    schema.put("type", "object");
    ArrayNode required = F.arrayNode();
    ObjectNode props = F.objectNode();
    for (RecordComponent rc : type.getRecordComponents()) {
      String name = jsonName(rc);
      props.set(name, property(type, rc));
      if (rc.isAnnotationPresent(Required.class)) {
        required.add(name);
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.set("properties", props);
    return schema;
  }

  /** The JSON name of a record component: its {@code @JsonProperty} value, else its Java name. */
  public static String jsonName(RecordComponent rc) {
    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
    return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
  }

  private static ObjectNode property(Class<?> owner, RecordComponent rc) {
    JsonPropertyDescription d = rc.getAccessor().getAnnotation(JsonPropertyDescription.class);
    if (d == null || d.value().isBlank()) {
      throw new IllegalStateException(owner.getName() + "." + rc.getName() + " has no @JsonPropertyDescription");
    }
    SchemaRef sr = rc.getAnnotation(SchemaRef.class);
    ObjectNode schema = describe(sr != null ? ref(sr.value()) : schemaOf(rc.getGenericType()), d.value());
    ListMap lm = rc.getAnnotation(ListMap.class);
    if (lm != null) {
      checkListMapKeys(owner, rc, lm.keys());
      schema.put("x-kubernetes-list-type", "map");
      ArrayNode keys = schema.putArray("x-kubernetes-list-map-keys");
      Arrays.stream(lm.keys()).forEach(keys::add);
      if (lm.keys().length == 1) {
        schema.put("x-kubernetes-patch-strategy", "merge");
        schema.put("x-kubernetes-patch-merge-key", lm.keys()[0]);
      }
    }
    if (rc.isAnnotationPresent(ListSet.class)) {
      schema.put("x-kubernetes-list-type", "set");
    }
    return schema;
  }

  /** Kubernetes rejects a list-map whose keys may be absent; catch that here, not in a user's apply. */
  private static void checkListMapKeys(Class<?> owner, RecordComponent rc, String[] keys) {
    if (!(rc.getGenericType() instanceof ParameterizedType pt) || !List.class.equals(pt.getRawType())) {
      throw new IllegalStateException(owner.getName() + "." + rc.getName() + " is @ListMap but not a List");
    }
    if (pt.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
      for (String key : keys) {
        boolean ok =
            Arrays.stream(item.getRecordComponents())
                .anyMatch(c -> jsonName(c).equals(key) && c.isAnnotationPresent(Required.class));
        if (!ok) {
          throw new IllegalStateException(owner.getName() + "." + rc.getName() + ": list-map key " + key + " must be a @Required field of " + item.getName());
        }
      }
    }
  }

  private static ObjectNode schemaOf(Type t) {
    if (t instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (List.class.equals(raw)) {
        ObjectNode s = F.objectNode().put("type", "array");
        s.set("items", wrapRef(schemaOf(args[0])));
        return s;
      }
      if (Map.class.equals(raw) && String.class.equals(args[0])) {
        ObjectNode s = F.objectNode().put("type", "object");
        s.set("additionalProperties", wrapRef(schemaOf(args[1])));
        return s;
      }
      throw new IllegalArgumentException("unsupported generic type " + t);
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class) {
      return F.objectNode().put("type", "string");
    }
    if (c == Integer.class || c == int.class) {
      return F.objectNode().put("type", "integer").put("format", "int32");
    }
    if (c == Long.class || c == long.class) {
      return F.objectNode().put("type", "integer").put("format", "int64");
    }
    if (c == Boolean.class || c == boolean.class) {
      return F.objectNode().put("type", "boolean");
    }
    if (c == Double.class || c == double.class) {
      return F.objectNode().put("type", "number").put("format", "double");
    }
    if (c.isEnum()) {
      ObjectNode s = F.objectNode().put("type", "string");
      ArrayNode values = s.putArray("enum");
      JsonEnums.values(c).forEach(values::add);
      return s;
    }
    if (c == ObjectNode.class) {
      return F.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    }
    if (c == JsonNode.class) {
      // any JSON value, like apiextensions' JSON type
      return F.objectNode().put("x-kubernetes-preserve-unknown-fields", true);
    }
    if (c.isRecord()) {
      return record(c);
    }
    return KubernetesDefinitionNames.of(c)
        .map(OpenApiGenerator::ref)
        .orElseThrow(() -> new IllegalArgumentException("no schema mapping for " + c.getName()));
  }

  private static ObjectNode ref(String definition) {
    return F.objectNode().put("$ref", REF_PREFIX + definition);
  }

  private static boolean isBareRef(ObjectNode s) {
    return s.size() == 1 && s.has("$ref");
  }

  /** OpenAPI v3.0 ignores siblings of {@code $ref}; Kubernetes wraps refs in {@code allOf} for that reason. */
  private static ObjectNode wrapRef(ObjectNode s) {
    if (!isBareRef(s)) {
      return s;
    }
    ObjectNode w = F.objectNode();
    w.putArray("allOf").add(s);
    return w;
  }

  private static ObjectNode describe(ObjectNode s, String description) {
    ObjectNode out = wrapRef(s);
    // description first, as Kubernetes prints it
    ObjectNode ordered = F.objectNode().put("description", description);
    out.properties().forEach(e -> {
      if (!e.getKey().equals("description")) {
        ordered.set(e.getKey(), e.getValue());
      }
    });
    return ordered;
  }

  private static ObjectNode string(String description) {
    return F.objectNode().put("description", description).put("type", "string");
  }

  private static ArrayNode gvk(String group, String version, String kind) {
    ArrayNode a = F.arrayNode();
    a.addObject().put("group", group).put("kind", kind).put("version", version);
    return a;
  }

  /** The standard descriptions of the fields every object has. */
  public static final class Docs {
    private Docs() {}

    public static final String API_VERSION =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert"
            + " recognized schemas to the latest internal value, and may reject unrecognized values. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
    public static final String KIND =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this"
            + " from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
    public static final String METADATA =
        "Standard object's metadata. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    public static final String LIST_METADATA =
        "Standard list metadata. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
  }
}
