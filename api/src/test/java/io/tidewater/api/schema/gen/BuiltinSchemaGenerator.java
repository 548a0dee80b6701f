package io.tidewater.api.schema.gen;

import static io.tidewater.api.schema.gen.DefinitionNames.APPS;
import static io.tidewater.api.schema.gen.DefinitionNames.AUTOSCALING_V2;
import static io.tidewater.api.schema.gen.DefinitionNames.COORDINATION;
import static io.tidewater.api.schema.gen.DefinitionNames.CORE;
import static io.tidewater.api.schema.gen.DefinitionNames.FIELDS_V1;
import static io.tidewater.api.schema.gen.DefinitionNames.INT_OR_STRING;
import static io.tidewater.api.schema.gen.DefinitionNames.META;
import static io.tidewater.api.schema.gen.DefinitionNames.MICRO_TIME;
import static io.tidewater.api.schema.gen.DefinitionNames.QUANTITY;
import static io.tidewater.api.schema.gen.DefinitionNames.RAW_EXTENSION;
import static io.tidewater.api.schema.gen.DefinitionNames.TIME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.tidewater.api.meta.GroupVersionKind;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates {@code kubernetes-definitions.json}: the OpenAPI v3 component schemas of the built-in
 * Kubernetes kinds Tidewater serves, shaped like a real apiserver's {@code /openapi/v3} output.
 *
 * <p>Shapes, descriptions and required fields come from client-java's generated models (themselves
 * generated from Kubernetes' OpenAPI); what those models lose is restored from curated tables:
 * definition names ({@link DefinitionNames}), list/map/patch markers ({@link KubernetesMarkers}) and
 * the types client-java maps to plain Java ({@link HandWrittenDefinitions}).
 *
 * <p>Regenerate the committed file with
 * {@code mvn -B -o -pl api test -Dtest=BuiltinSchemaGeneratorTest -Dtidewater.regenerateSchemas=true}.
 */
public final class BuiltinSchemaGenerator {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  /** The kinds served, with their list kinds: client-java class, group, version. */
  private static final List<KindRoot> KINDS =
      List.of(
          new KindRoot("V1Namespace", "", "v1", true),
          new KindRoot("V1ConfigMap", "", "v1", true),
          new KindRoot("V1Secret", "", "v1", true),
          new KindRoot("V1Service", "", "v1", true),
          new KindRoot("V1ServiceAccount", "", "v1", true),
          new KindRoot("CoreV1Event", "", "v1", true),
          new KindRoot("V1Pod", "", "v1", true),
          new KindRoot("V1Node", "", "v1", true),
          new KindRoot("V1Endpoints", "", "v1", true),
          new KindRoot("V1PersistentVolumeClaim", "", "v1", false),
          new KindRoot("V1Deployment", "apps", "v1", true),
          new KindRoot("V1StatefulSet", "apps", "v1", true),
          new KindRoot("V1ReplicaSet", "apps", "v1", true),
          new KindRoot("V1ControllerRevision", "apps", "v1", true),
          new KindRoot("V2HorizontalPodAutoscaler", "autoscaling", "v2", true),
          new KindRoot("V1Scale", "autoscaling", "v1", false),
          new KindRoot("V1Lease", "coordination.k8s.io", "v1", true),
          new KindRoot("V1Status", "", "v1", false),
          new KindRoot("V1APIResourceList", "", "v1", false),
          new KindRoot("V1APIGroup", "", "v1", false),
          new KindRoot("V1APIGroupList", "", "v1", false),
          new KindRoot("V1APIVersions", "", "v1", false));

  /** Types Tidewater's own kinds embed, included even where no served kind reaches them. */
  private static final List<String> EMBEDDED_ROOTS =
      List.of(
          "V1PodTemplateSpec", "V1Toleration", "V1Taint", "V1ResourceRequirements", "V1EnvVar",
          "V1NodeSelector", "V1ObjectReference", "V1PersistentVolumeClaim", "V2MetricSpec",
          "V2MetricStatus", "V2HorizontalPodAutoscalerBehavior", "V2CrossVersionObjectReference",
          "V2HorizontalPodAutoscalerStatus", "V1LabelSelector", "V1Condition", "V1ObjectMeta",
          "V1ListMeta", "V1DeleteOptions", "V1WatchEvent");

  /** The group versions served; DeleteOptions and WatchEvent declare one kind in each, as Kubernetes does. */
  private static final List<String[]> SERVED_GROUP_VERSIONS =
      List.of(
          new String[] {"", "v1"},
          new String[] {"apps", "v1"},
          new String[] {"autoscaling", "v1"},
          new String[] {"autoscaling", "v2"},
          new String[] {"coordination.k8s.io", "v1"});

  /** Fields client-java types as OffsetDateTime or Object whose Kubernetes type is not Time. */
  private static final Map<String, String> TYPE_OVERRIDES =
      Map.of(
          CORE + "Event.eventTime", MICRO_TIME,
          CORE + "EventSeries.lastObservedTime", MICRO_TIME,
          COORDINATION + "LeaseSpec.acquireTime", MICRO_TIME,
          COORDINATION + "LeaseSpec.renewTime", MICRO_TIME,
          APPS + "ControllerRevision.data", RAW_EXTENSION,
          META + "WatchEvent.object", RAW_EXTENSION,
          META + "ManagedFieldsEntry.fieldsV1", FIELDS_V1);

  /**
   * Struct fields declared by value (not pointer) in Go, beyond the always-by-value metadata, spec and
   * status of a kind: Kubernetes writes {@code default: {}} for them. (Being required says nothing
   * here: DeploymentSpec.selector is required and a pointer.)
   */
  private static final Set<String> BY_VALUE_STRUCTS =
      Set.of(
          AUTOSCALING_V2 + "HorizontalPodAutoscalerSpec.scaleTargetRef",
          AUTOSCALING_V2 + "ObjectMetricSource.describedObject",
          AUTOSCALING_V2 + "ObjectMetricSource.metric",
          AUTOSCALING_V2 + "ObjectMetricSource.target",
          AUTOSCALING_V2 + "PodsMetricSource.metric",
          AUTOSCALING_V2 + "PodsMetricSource.target",
          AUTOSCALING_V2 + "ResourceMetricSource.target",
          AUTOSCALING_V2 + "ContainerResourceMetricSource.target",
          AUTOSCALING_V2 + "ExternalMetricSource.metric",
          AUTOSCALING_V2 + "ExternalMetricSource.target",
          AUTOSCALING_V2 + "ObjectMetricStatus.describedObject",
          AUTOSCALING_V2 + "ObjectMetricStatus.metric",
          AUTOSCALING_V2 + "ObjectMetricStatus.current",
          AUTOSCALING_V2 + "PodsMetricStatus.metric",
          AUTOSCALING_V2 + "PodsMetricStatus.current",
          AUTOSCALING_V2 + "ResourceMetricStatus.current",
          AUTOSCALING_V2 + "ContainerResourceMetricStatus.current",
          AUTOSCALING_V2 + "ExternalMetricStatus.metric",
          AUTOSCALING_V2 + "ExternalMetricStatus.current",
          CORE + "Event.involvedObject",
          CORE + "PersistentVolumeClaimTemplate.spec",
          CORE + "PreferredSchedulingTerm.preference",
          CORE + "WeightedPodAffinityTerm.podAffinityTerm",
          APPS + "DeploymentSpec.template",
          APPS + "DeploymentSpec.strategy",
          APPS + "StatefulSetSpec.template",
          APPS + "StatefulSetSpec.updateStrategy",
          APPS + "ReplicaSetSpec.template",
          CORE + "PodTemplateSpec.metadata",
          CORE + "PodTemplateSpec.spec",
          CORE + "Container.resources",
          CORE + "EphemeralContainer.resources",
          CORE + "ContainerStatus.state",
          CORE + "ContainerStatus.lastState",
          CORE + "NodeStatus.daemonEndpoints",
          CORE + "NodeStatus.nodeInfo",
          CORE + "NodeDaemonEndpoints.kubeletEndpoint",
          CORE + "ServiceStatus.loadBalancer",
          CORE + "Event.source",
          CORE + "PersistentVolumeClaimSpec.resources");

  private final SortedMap<String, ObjectNode> definitions = new TreeMap<>();
  private final Deque<Class<?>> pending = new ArrayDeque<>();

  private BuiltinSchemaGenerator() {}

  /** Generates the definitions document: definition name to schema, keys sorted at every level. */
  public static ObjectNode generate() {
    return new BuiltinSchemaGenerator().run();
  }

  /** Renders a document the way the committed file is written: sorted, two-space indented. */
  public static String render(JsonNode document) {
    return JsonRenderer.render(document);
  }

  /** Writes the generated document to the given path (default: this module's resource file). */
  public static void main(String[] args) throws IOException {
    Path target =
        Path.of(args.length > 0 ? args[0] : "api/src/main/resources/io/tidewater/api/schema/kubernetes-definitions.json");
    Files.writeString(target, render(generate()), StandardCharsets.UTF_8);
  }

  private ObjectNode run() {
    for (KindRoot kind : KINDS) {
      enqueue(model(kind.className()));
      if (kind.withList()) {
        enqueue(model(kind.className() + "List"));
      }
    }
    EMBEDDED_ROOTS.forEach(name -> enqueue(model(name)));
    while (!pending.isEmpty()) {
      Class<?> next = pending.pop();
      String name = DefinitionNames.of(next);
      if (!definitions.containsKey(name)) {
        definitions.put(name, describe(next, name));
      }
    }
    HandWrittenDefinitions.all().forEach(definitions::putIfAbsent);
    addGroupVersionKinds();
    applyMarkers();
    ObjectNode document = JSON.objectNode();
    definitions.forEach((name, schema) -> document.set(name, normalise(schema)));
    return document;
  }

  private void enqueue(Class<?> model) {
    pending.add(model);
  }

  private static Class<?> model(String simpleName) {
    try {
      return Class.forName(MODELS + simpleName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("client-java has no model " + simpleName, e);
    }
  }

  /** The schema of one model class. */
  private ObjectNode describe(Class<?> model, String name) {
    ObjectNode schema = JSON.objectNode();
    String description = ModelProperty.modelDescription(model);
    if (!description.isEmpty()) {
      schema.put("description", description);
    }
    Set<String> required = ModelProperty.required(model);
    boolean isKind = hasTypeMeta(model);
    String kindName = name.substring(name.lastIndexOf('.') + 1);
    ObjectNode properties = schema.putObject("properties");
    for (ModelProperty property : ModelProperty.of(model)) {
      String key = name + "." + property.jsonName();
      ObjectNode site = schemaFor(property.javaType(), key, false);
      String text = property.description();
      if (text.isEmpty() && isKind) {
        text = standardDescription(property.jsonName(), kindName);
      }
      if (!text.isEmpty()) {
        site.put("description", text);
      }
      JsonNode declaredDefault = KubernetesMarkers.DEFAULTS.get(key);
      if (declaredDefault != null) {
        site.set("default", declaredDefault);
      } else if (isByValue(site, key, isKind, property.jsonName(), required)) {
        JsonNode zero = zeroValue(site);
        if (zero != null) {
          site.set("default", zero);
        }
      }
      properties.set(property.jsonName(), site);
    }
    if (!required.isEmpty()) {
      ArrayNode list = schema.putArray("required");
      new TreeSet<>(required).forEach(list::add);
    }
    schema.put("type", "object");
    return schema;
  }

  private static boolean hasTypeMeta(Class<?> model) {
    List<String> names = new ArrayList<>();
    ModelProperty.of(model).forEach(p -> names.add(p.jsonName()));
    return names.contains("apiVersion") && names.contains("kind") && names.contains("metadata");
  }

  private static boolean isByValue(ObjectNode site, String key, boolean isKind, String field, Set<String> required) {
    if (site.has("$ref")) {
      return BY_VALUE_STRUCTS.contains(key)
          || (isKind && (field.equals("metadata") || field.equals("spec") || field.equals("status")));
    }
    return required.contains(field) && site.has("type") && !site.path("type").asText().equals("array")
        && !site.path("type").asText().equals("object");
  }

  private static String standardDescription(String field, String kind) {
    return switch (field) {
      case "metadata" ->
          kind.endsWith("List")
              ? "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
              : "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
      case "spec" ->
          "Specification of the desired behavior of the " + kind
              + ". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status";
      case "status" ->
          "Most recently observed status of the " + kind
              + ". Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status";
      default -> "";
    };
  }

  /** The schema of a Java type at one site; references are written as bare {@code $ref} for now. */
  private ObjectNode schemaFor(Type type, String key, boolean element) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      ObjectNode schema = JSON.objectNode();
      if (List.class.isAssignableFrom(raw)) {
        schema.put("type", "array");
        schema.set("items", element(args[0], key));
        return schema;
      }
      if (Map.class.isAssignableFrom(raw)) {
        schema.put("type", "object");
        schema.set("additionalProperties", element(args[1], key));
        return schema;
      }
      throw new IllegalStateException("unsupported generic type " + type + " at " + key);
    }
    Class<?> c = (Class<?>) type;
    ObjectNode schema = JSON.objectNode();
    if (c == String.class) {
      schema.put("type", "string");
    } else if (c == Integer.class) {
      schema.put("type", "integer").put("format", "int32");
    } else if (c == Long.class) {
      schema.put("type", "integer").put("format", "int64");
    } else if (c == Boolean.class) {
      schema.put("type", "boolean");
    } else if (c == Double.class || c == Float.class) {
      schema.put("type", "number").put("format", "double");
    } else if (c == byte[].class) {
      schema.put("type", "string").put("format", "byte");
    } else if (c == OffsetDateTime.class) {
      schema.put("$ref", ref(element ? TIME : TYPE_OVERRIDES.getOrDefault(key, TIME)));
    } else if (c == Quantity.class) {
      schema.put("$ref", ref(QUANTITY));
    } else if (c == IntOrString.class) {
      schema.put("$ref", ref(INT_OR_STRING));
    } else if (c == Object.class) {
      String override = TYPE_OVERRIDES.get(key);
      if (override == null) {
        throw new IllegalStateException("untyped field " + key + ": add it to TYPE_OVERRIDES");
      }
      schema.put("$ref", ref(override));
    } else if (c.getName().startsWith(MODELS)) {
      enqueue(c);
      schema.put("$ref", ref(DefinitionNames.of(c)));
    } else {
      throw new IllegalStateException("unsupported type " + c.getName() + " at " + key);
    }
    return schema;
  }

  /** Items and map values are by value in Kubernetes' Go types, so they carry zero defaults. */
  private ObjectNode element(Type type, String key) {
    ObjectNode schema = schemaFor(type, key, true);
    JsonNode zero = zeroValue(schema);
    if (zero != null) {
      schema.set("default", zero);
    }
    return schema;
  }

  /** The Go zero value Kubernetes writes as {@code default}, or null where it writes none. */
  private static JsonNode zeroValue(ObjectNode schema) {
    if (schema.has("$ref")) {
      String target = schema.get("$ref").asText();
      boolean scalarLike =
          target.endsWith(QUANTITY) || target.endsWith(INT_OR_STRING) || target.endsWith(TIME)
              || target.endsWith(MICRO_TIME) || target.endsWith(RAW_EXTENSION) || target.endsWith(FIELDS_V1);
      return scalarLike ? null : JSON.objectNode();
    }
    if (schema.has("format") && schema.get("format").asText().equals("byte")) {
      return null;
    }
    return switch (schema.path("type").asText()) {
      case "string" -> JSON.textNode("");
      case "integer", "number" -> JSON.numberNode(0);
      case "boolean" -> JSON.booleanNode(false);
      default -> null;
    };
  }

  private void addGroupVersionKinds() {
    for (KindRoot kind : KINDS) {
      String name = DefinitionNames.of(model(kind.className()));
      String kindName = name.substring(name.lastIndexOf('.') + 1);
      addKind(name, new GroupVersionKind(kind.group(), kind.version(), kindName));
      if (kind.withList()) {
        addKind(name + "List", new GroupVersionKind(kind.group(), kind.version(), kindName + "List"));
      }
    }
    for (String shared : List.of(META + "DeleteOptions", META + "WatchEvent")) {
      String kindName = shared.substring(shared.lastIndexOf('.') + 1);
      for (String[] gv : SERVED_GROUP_VERSIONS) {
        addKind(shared, new GroupVersionKind(gv[0], gv[1], kindName));
      }
    }
  }

  private void addKind(String definition, GroupVersionKind kind) {
    ObjectNode schema = definitions.get(definition);
    if (schema == null) {
      throw new IllegalStateException("no definition " + definition + " for " + kind);
    }
    ArrayNode kinds =
        schema.has("x-kubernetes-group-version-kind")
            ? (ArrayNode) schema.get("x-kubernetes-group-version-kind")
            : schema.putArray("x-kubernetes-group-version-kind");
    kinds.addObject().put("group", kind.group()).put("kind", kind.kind()).put("version", kind.version());
  }

  /**
   * Writes the curated markers, insisting that every array has an entry and every entry a field.
   */
  private void applyMarkers() {
    Map<String, FieldSemantics> markers = KubernetesMarkers.fields();
    SortedSet<String> unused = new TreeSet<>(markers.keySet());
    SortedSet<String> unmarkedLists = new TreeSet<>();
    definitions.forEach(
        (name, schema) ->
            schema.path("properties").properties().forEach(
                property -> {
                  String key = name + "." + property.getKey();
                  ObjectNode site = (ObjectNode) property.getValue();
                  FieldSemantics semantics = markers.get(key);
                  if (semantics != null) {
                    semantics.writeTo(site);
                    unused.remove(key);
                  } else if (site.path("type").asText().equals("array") && !isListKindItems(name, property.getKey())) {
                    unmarkedLists.add(key);
                  }
                }));
    if (!unmarkedLists.isEmpty()) {
      throw new IllegalStateException(
          "lists without an entry in KubernetesMarkers (check their Go markers): " + unmarkedLists);
    }
    if (!unused.isEmpty()) {
      throw new IllegalStateException("KubernetesMarkers entries that match no field: " + unused);
    }
    for (String atomic : KubernetesMarkers.ATOMIC_STRUCTS) {
      ObjectNode schema = definitions.get(atomic);
      if (schema == null) {
        throw new IllegalStateException("atomic struct " + atomic + " is not in the closure");
      }
      schema.put("x-kubernetes-map-type", "atomic");
    }
    for (String key : BY_VALUE_STRUCTS) {
      String definition = key.substring(0, key.lastIndexOf('.'));
      String field = key.substring(key.lastIndexOf('.') + 1);
      JsonNode site = definitions.containsKey(definition) ? definitions.get(definition).path("properties").get(field) : null;
      if (site == null || !site.path("default").isObject()) {
        throw new IllegalStateException("BY_VALUE_STRUCTS entry " + key + " is not a struct field of the closure");
      }
    }
    for (String key : KubernetesMarkers.DEFAULTS.keySet()) {
      String definition = key.substring(0, key.lastIndexOf('.'));
      String field = key.substring(key.lastIndexOf('.') + 1);
      if (!definitions.containsKey(definition) || !definitions.get(definition).path("properties").has(field)) {
        throw new IllegalStateException("default for unknown field " + key);
      }
    }
  }

  /** The {@code items} of a List kind: Kubernetes leaves them unmarked (atomic). */
  private boolean isListKindItems(String definition, String field) {
    return field.equals("items")
        && definition.endsWith("List")
        && definitions.get(definition).has("x-kubernetes-group-version-kind");
  }

  /**
   * Sorts keys at every level and wraps references that have siblings in {@code allOf}, as
   * Kubernetes' OpenAPI v3 output does ({@code "allOf":[{"$ref":...}], "default":{}, ...}).
   */
  private static JsonNode normalise(JsonNode node) {
    if (node.isArray()) {
      ArrayNode copy = JSON.arrayNode();
      node.forEach(element -> copy.add(normalise(element)));
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    TreeMap<String, JsonNode> fields = new TreeMap<>();
    node.properties().forEach(e -> fields.put(e.getKey(), normalise(e.getValue())));
    if (fields.containsKey("$ref") && fields.size() > 1) {
      JsonNode ref = fields.remove("$ref");
      ArrayNode allOf = JSON.arrayNode();
      allOf.addObject().set("$ref", ref);
      fields.put("allOf", allOf);
    }
    ObjectNode sorted = JSON.objectNode();
    fields.forEach(sorted::set);
    return sorted;
  }

  private static String ref(String definition) {
    return "#/components/schemas/" + definition;
  }

  /** A served kind: its client-java class, group and version, and whether it has a List kind. */
  private record KindRoot(String className, String group, String version, boolean withList) {}
}
