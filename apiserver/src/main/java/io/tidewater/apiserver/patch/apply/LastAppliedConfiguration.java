package io.tidewater.apiserver.patch.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.TypeNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation of client-side
 * {@code kubectl apply}, as Kubernetes' server-side apply reads and keeps it when a user moves from
 * {@code kubectl apply} to {@code kubectl apply --server-side}.
 */
final class LastAppliedConfiguration {

  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  /** Kubernetes' limit on all annotations of an object together. */
  private static final long MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(LastAppliedConfiguration.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LastAppliedConfiguration() {}

  static boolean isPresent(ObjectNode object) {
    return !object.path("metadata").path("annotations").path(ANNOTATION).asText("").isEmpty();
  }

  /**
   * The fields of the annotation's configuration whose live values are still the applied ones: a
   * server-side apply may take those over from the client-side applier without a conflict. Null when
   * there is no usable annotation for this version.
   */
  static FieldSet fieldsStillAsApplied(ObjectNode live, TypeNode type, GroupVersionKind kind) {
    String text = live.path("metadata").path("annotations").path(ANNOTATION).asText("");
    if (text.isEmpty()) {
      return null;
    }
    try {
      JsonNode lastApplied = MAPPER.readTree(text);
      if (!lastApplied.isObject() || !kind.apiVersion().equals(lastApplied.path("apiVersion").asText())) {
        return null;
      }
      FieldSet fields = TypedValues.toFieldSet(lastApplied, type, false);
      TypedValues.Comparison comparison =
          TypedValues.compare(
              lastApplied, TypedValues.withGoZeroValues(FieldManager.withoutManagedFields(live), type), type);
      return fields.difference(comparison.modified()).difference(comparison.added()).difference(comparison.removed());
    } catch (JsonProcessingException | TypedValueException e) {
      LOG.debug("ignoring unusable {} on {}: {}", ANNOTATION, FieldManager.name(live), e.getMessage());
      return null;
    }
  }

  /**
   * Rewrites the annotation to the configuration just applied, as client-side apply would have
   * recorded it (keys sorted, the annotation itself left out), or drops it when it would push the
   * object's annotations over Kubernetes' size limit.
   */
  static void record(ObjectNode object, ObjectNode config) {
    ObjectNode annotations = FieldManager.metadata(object).withObjectProperty("annotations");
    annotations.put(ANNOTATION, serialise(config));
    long size = 0;
    for (Map.Entry<String, JsonNode> entry : annotations.properties()) {
      size += entry.getKey().getBytes(StandardCharsets.UTF_8).length
          + entry.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > MAX_ANNOTATIONS_BYTES) {
      annotations.remove(ANNOTATION);
    }
  }

  private static String serialise(ObjectNode config) {
    ObjectNode copy = config.deepCopy();
    if (copy.path("metadata").get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(ANNOTATION);
    }
    try {
      return MAPPER.writeValueAsString(sorted(copy)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(sorted(item)));
      return out;
    }
    return node;
  }
}
