package io.tidewater.apiserver.builtin.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.Trees;

/**
 * Kubernetes' {@code ValidatePodTemplateSpec}. The template's ObjectMeta is inline in Kubernetes'
 * internal types, so its errors read {@code spec.template.labels}, not {@code
 * spec.template.metadata.labels}.
 */
public final class PodTemplateValidation {
  private PodTemplateValidation() {}

  public static void validate(JsonNode template, FieldPath path, FieldErrors errs) {
    JsonNode meta = Trees.object(template, "metadata");
    Labels.validate(meta == null ? null : meta.get("labels"), path.child("labels"), errs);
    JsonNode annotations = meta == null ? null : meta.get("annotations");
    if (annotations != null && annotations.isObject()) {
      annotations.fieldNames().forEachRemaining(k -> errs.invalidEach(path.child("annotations"), k, NameRules.qualifiedName(k)));
    }
    JsonNode spec = Trees.object(template, "spec");
    PodSpecValidation.validate(spec, path.child("spec"), false, errs);
    if (Trees.size(spec, "ephemeralContainers") > 0) {
      errs.forbidden(path.child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template");
    }
  }
}
