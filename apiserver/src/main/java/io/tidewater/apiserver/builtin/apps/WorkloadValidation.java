package io.tidewater.apiserver.builtin.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.apiserver.builtin.pods.PodTemplateValidation;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.NameChecks;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.List;
import java.util.Optional;

/**
 * Rules apps/v1 workloads share: the selector and its match with the template's labels
 * ({@code ValidateReplicaSetSpec}, {@code ValidatePodTemplateSpecForReplicaSet}) and int-or-percent
 * fields of rolling updates.
 */
final class WorkloadValidation {
  private WorkloadValidation() {}

  static final FieldPath SPEC = FieldPath.of("spec");

  /**
   * Selector required, valid and non-empty; returns the selector when it converts.
   *
   * @param kindWord the word Kubernetes uses in "empty selector is invalid for ..." (it says
   *     "deployment" for ReplicaSets too)
   */
  static Optional<LabelSelector> selector(JsonNode spec, String kindWord, String conversionDetail, FieldErrors errs) {
    JsonNode selector = spec == null ? null : spec.get("selector");
    FieldPath path = SPEC.child("selector");
    if (selector == null || selector.isNull()) {
      errs.required(path, "");
      return Optional.empty();
    }
    Labels.validateSelector(selector, path, errs);
    if (Labels.isEmptySelector(selector)) {
      errs.invalid(path, selector, "empty selector is invalid for " + kindWord);
    }
    Optional<LabelSelector> parsed = Labels.selector(selector);
    if (parsed.isEmpty()) {
      errs.invalid(path, selector, conversionDetail);
    }
    return parsed;
  }

  /** The template's labels must satisfy a non-empty selector. */
  static void templateMatches(JsonNode template, Optional<LabelSelector> selector, FieldErrors errs) {
    if (selector.isEmpty() || selector.get().isEverything()) {
      return;
    }
    JsonNode labels = Trees.at(template, "metadata.labels");
    if (!selector.get().matches(Labels.map(labels))) {
      errs.invalid(SPEC.child("template", "metadata", "labels"), labels == null ? Trees.objectNode() : labels, "`selector` does not match template `labels`");
    }
  }

  /** {@code ValidatePodTemplateSpecForReplicaSet}: as above, plus the full pod template and its restart rules. */
  static void replicaSetTemplate(JsonNode spec, Optional<LabelSelector> selector, FieldErrors errs) {
    JsonNode template = Trees.object(spec, "template");
    FieldPath path = SPEC.child("template");
    templateMatches(template, selector, errs);
    PodTemplateValidation.validate(template, path, errs);
    restartRules(template, "ReplicaSet", errs);
  }

  /** Workload pods always restart and have no deadline. */
  static void restartRules(JsonNode template, String kindInMessage, FieldErrors errs) {
    JsonNode podSpec = Trees.object(template, "spec");
    FieldPath path = SPEC.child("template", "spec");
    String restartPolicy = Trees.string(podSpec, "restartPolicy");
    if (!restartPolicy.equals("Always")) {
      errs.notSupported(path.child("restartPolicy"), restartPolicy, List.of("Always"));
    }
    if (Trees.has(podSpec, "activeDeadlineSeconds")) {
      errs.forbidden(path.child("activeDeadlineSeconds"), "activeDeadlineSeconds in " + kindInMessage + " is not Supported");
    }
  }

  /** {@code ValidatePositiveIntOrPercent}. */
  static void intOrPercent(JsonNode value, FieldPath path, FieldErrors errs) {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isTextual()) {
      errs.invalidEach(path, value.asText(), NameChecks.percent(value.asText()));
    } else if (value.isIntegralNumber()) {
      errs.nonNegative(path, value.asLong());
    } else {
      errs.invalid(path, value, "must be an integer or percentage (e.g '5%')");
    }
  }

  /** {@code getIntOrPercentValue}: the number, with or without its percent sign; 0 if neither. */
  static long intOrPercentValue(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    String s = value.asText();
    if (NameChecks.percent(s).isEmpty()) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code IsNotMoreThan100Percent}. */
  static void notMoreThan100Percent(JsonNode value, FieldPath path, FieldErrors errs) {
    if (value != null && value.isTextual() && NameChecks.percent(value.asText()).isEmpty() && intOrPercentValue(value) > 100) {
      errs.invalid(path, value.asText(), "must not be greater than 100%");
    }
  }

  /** {@code ValidateImmutableField} for the selector, which apps/v1 forbids changing. */
  static void selectorImmutable(JsonNode spec, JsonNode oldSpec, FieldErrors errs) {
    JsonNode now = spec == null ? null : spec.get("selector");
    JsonNode before = oldSpec == null ? null : oldSpec.get("selector");
    if (!java.util.Objects.equals(now, before)) {
      errs.invalid(SPEC.child("selector"), now, "field is immutable");
    }
  }
}
