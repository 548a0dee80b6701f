package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes' {@code ValidateObjectMeta}: the checks every kind shares. */
final class MetadataValidation {
  private MetadataValidation() {}

  static List<FieldError> validate(ResourceType type, ObjectNode obj, List<String> nameProblems) {
    List<FieldError> errs = new ArrayList<>();
    String name = ObjectMetas.name(obj);
    if (name == null || name.isEmpty()) {
      errs.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      for (String p : nameProblems) {
        errs.add(FieldError.invalid("metadata.name", name, p));
      }
    }
    if (type.namespaced()) {
      String ns = ObjectMetas.namespace(obj);
      if (ns == null || ns.isEmpty()) {
        errs.add(FieldError.required("metadata.namespace", ""));
      } else {
        for (String p : NameRules.dns1123Label(ns)) {
          errs.add(FieldError.invalid("metadata.namespace", ns, p));
        }
      }
    } else if (ObjectMetas.namespace(obj) != null && !ObjectMetas.namespace(obj).isEmpty()) {
      errs.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
    JsonNode labels = obj.path("metadata").path("labels");
    if (!labels.isMissingNode() && !labels.isNull()) {
      if (!labels.isObject()) {
        errs.add(FieldError.invalid("metadata.labels", labels.toString(), "must be a map of strings"));
      } else {
        labels.fields().forEachRemaining(e -> {
          for (String p : NameRules.qualifiedName(e.getKey())) {
            errs.add(FieldError.invalid("metadata.labels", e.getKey(), p));
          }
          if (!e.getValue().isTextual()) {
            errs.add(FieldError.invalid("metadata.labels", e.getValue().toString(), "label values must be strings"));
          } else {
            for (String p : NameRules.labelValue(e.getValue().asText())) {
              errs.add(FieldError.invalid("metadata.labels", e.getValue().asText(), p));
            }
          }
        });
      }
    }
    JsonNode annotations = obj.path("metadata").path("annotations");
    if (!annotations.isMissingNode() && !annotations.isNull()) {
      if (!annotations.isObject()) {
        errs.add(FieldError.invalid("metadata.annotations", annotations.toString(), "must be a map of strings"));
      } else {
        long[] size = {0};
        annotations.fields().forEachRemaining(e -> {
          for (String p : NameRules.qualifiedName(e.getKey())) {
            errs.add(FieldError.invalid("metadata.annotations", e.getKey(), p));
          }
          if (!e.getValue().isTextual()) {
            errs.add(FieldError.invalid("metadata.annotations", e.getValue().toString(), "annotation values must be strings"));
          }
          size[0] += e.getKey().length() + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        });
        if (size[0] > NameRules.TOTAL_ANNOTATION_SIZE_MAX) {
          errs.add(FieldError.tooLong("metadata.annotations", "", NameRules.TOTAL_ANNOTATION_SIZE_MAX));
        }
      }
    }
    JsonNode finalizers = obj.path("metadata").path("finalizers");
    if (finalizers.isArray()) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < finalizers.size(); i++) {
        String f = finalizers.get(i).asText();
        for (String p : NameRules.qualifiedName(f)) {
          errs.add(FieldError.invalid("metadata.finalizers[" + i + "]", f, p));
        }
        if (!seen.add(f)) {
          errs.add(FieldError.duplicate("metadata.finalizers[" + i + "]", f));
        }
      }
    }
    JsonNode owners = obj.path("metadata").path("ownerReferences");
    if (owners.isArray()) {
      int controllers = 0;
      for (int i = 0; i < owners.size(); i++) {
        JsonNode r = owners.get(i);
        String p = "metadata.ownerReferences[" + i + "]";
        for (String f : List.of("apiVersion", "kind", "name", "uid")) {
          if (r.path(f).asText("").isEmpty()) {
            errs.add(FieldError.invalid(p + "." + f, r.path(f).asText(""), f + " must not be empty"));
          }
        }
        if (r.path("controller").asBoolean(false)) {
          controllers++;
        }
      }
      if (controllers > 1) {
        errs.add(FieldError.invalid("metadata.ownerReferences", owners.toString(), "Only one reference can have Controller set to true"));
      }
    }
    return errs;
  }

  /**
   * {@code ValidateObjectMetaUpdate}: name, namespace and uid never change, and an object being
   * deleted gets no new finalizers.
   */
  static List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>();
    immutable(errs, "metadata.name", ObjectMetas.name(obj), ObjectMetas.name(old));
    immutable(errs, "metadata.namespace", ObjectMetas.namespace(obj), ObjectMetas.namespace(old));
    immutable(errs, "metadata.uid", ObjectMetas.uid(obj), ObjectMetas.uid(old));
    if (ObjectMetas.isDeleting(old)) {
      List<String> added = new ArrayList<>(new java.util.TreeSet<>(ObjectMetas.finalizers(obj)));
      added.removeAll(ObjectMetas.finalizers(old));
      if (!added.isEmpty()) {
        errs.add(FieldError.forbidden(
            "metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers " + added));
      }
    }
    return errs;
  }

  private static void immutable(List<FieldError> errs, String path, String now, String before) {
    if (now != null && !now.equals(before)) {
      errs.add(FieldError.invalid(path, now, "field is immutable"));
    }
  }
}
