package io.tidewater.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.registry.ScaleMapping;
import java.util.List;

/** Maps a kind onto {@code autoscaling/v1} Scale and back, per its {@link ScaleMapping}. */
final class ScaleSubresource {
  private ScaleSubresource() {}

  static ObjectNode toScale(ObjectNode obj, ScaleMapping mapping) {
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode src = obj.path("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (src.has(f)) {
        meta.set(f, src.get(f));
      }
    }
    scale.putObject("spec").put("replicas", at(obj, mapping.specReplicasPath()).asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", at(obj, mapping.statusReplicasPath()).asInt(0));
    if (mapping.labelSelectorPath() != null) {
      JsonNode sel = at(obj, mapping.labelSelectorPath());
      if (mapping.selectorIsString() && sel.isTextual()) {
        status.put("selector", sel.asText());
      } else if (!sel.isMissingNode() && !mapping.selectorIsString()) {
        try {
          status.put("selector", LabelSelector.fromObject(sel).toString());
        } catch (IllegalArgumentException e) {
          // An invalid selector cannot be shown; leave it out as Kubernetes does.
        }
      }
    }
    return scale;
  }

  /** Writes the Scale's desired replicas into the object, after validating the Scale. */
  static void applyScale(ResourceType type, ObjectNode obj, ObjectNode scale, ScaleMapping mapping) {
    JsonNode replicas = scale.path("spec").path("replicas");
    String name = obj.path("metadata").path("name").asText("");
    if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.canConvertToInt()) {
      throw ApiException.badRequest("Scale.spec.replicas must be an integer");
    }
    int r = replicas.isMissingNode() || replicas.isNull() ? 0 : replicas.asInt();
    if (r < 0) {
      throw ApiException.invalid(
          "autoscaling", "Scale", name, List.of(FieldError.invalid("spec.replicas", r, "must be greater than or equal to 0")));
    }
    String[] parts = mapping.specReplicasPath().split("\\.");
    ObjectNode cur = obj;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      cur = next instanceof ObjectNode o ? o : cur.putObject(parts[i]);
    }
    cur.put(parts[parts.length - 1], r);
  }

  private static JsonNode at(ObjectNode obj, String path) {
    JsonNode cur = obj;
    for (String p : path.split("\\.")) {
      cur = cur.path(p);
    }
    return cur;
  }
}
