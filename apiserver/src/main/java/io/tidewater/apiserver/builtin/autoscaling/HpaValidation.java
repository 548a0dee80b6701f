package io.tidewater.apiserver.builtin.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.api.quantity.Quantity;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.ArrayList;
import java.util.List;

/** autoscaling's {@code validateHorizontalPodAutoscalerSpec} with the v2 metric and behaviour rules. */
final class HpaValidation {
  private HpaValidation() {}

  static final List<String> METRIC_TYPES = List.of("ContainerResource", "External", "Object", "Pods", "Resource");
  static final List<String> SELECT_POLICIES = List.of("Disabled", "Max", "Min");
  static final List<String> POLICY_TYPES = List.of("Percent", "Pods");
  static final int MAX_PERIOD_SECONDS = 1800;
  static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;

  static void validate(JsonNode spec, FieldErrors errs) {
    FieldPath path = FieldPath.of("spec");
    Long min = Trees.integer(spec, "minReplicas");
    if (min != null && min < 1) {
      errs.invalid(path.child("minReplicas"), min, "must be greater than or equal to 1");
    }
    long max = Trees.longValue(spec, "maxReplicas");
    if (max < 1) {
      errs.invalid(path.child("maxReplicas"), max, "must be greater than 0");
    }
    if (min != null && max < min) {
      errs.invalid(path.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`");
    }
    scaleTargetRef(Trees.object(spec, "scaleTargetRef"), path.child("scaleTargetRef"), errs);
    List<ObjectNode> metrics = Trees.objects(spec, "metrics");
    for (int i = 0; i < metrics.size(); i++) {
      metric(metrics.get(i), path.child("metrics").index(i), errs);
    }
    ObjectNode behavior = Trees.object(spec, "behavior");
    if (behavior != null) {
      scalingRules(Trees.object(behavior, "scaleUp"), path.child("behavior", "scaleUp"), errs);
      scalingRules(Trees.object(behavior, "scaleDown"), path.child("behavior", "scaleDown"), errs);
    }
  }

  /** {@code ValidateCrossVersionObjectReference}: kind and name are required path segments. */
  private static void scaleTargetRef(JsonNode ref, FieldPath path, FieldErrors errs) {
    for (String f : List.of("kind", "name")) {
      String v = Trees.string(ref, f);
      if (v.isEmpty()) {
        errs.required(path.child(f), "");
      } else {
        errs.invalidEach(path.child(f), v, pathSegmentProblems(v));
      }
    }
  }

  /** {@code IsValidPathSegmentName}. */
  static List<String> pathSegmentProblems(String name) {
    List<String> errs = new ArrayList<>();
    if (name.equals(".") || name.equals("..")) {
      errs.add("may not be '" + name + "'");
    }
    for (String illegal : List.of("/", "%")) {
      if (name.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  private static void metric(ObjectNode spec, FieldPath path, FieldErrors errs) {
    String type = Trees.string(spec, "type");
    if (type.isEmpty()) {
      errs.required(path.child("type"), "must specify a metric source type");
    }
    String expected =
        switch (type) {
          case "Object" -> "object";
          case "Pods" -> "pods";
          case "Resource" -> "resource";
          case "ContainerResource" -> "containerResource";
          case "External" -> "external";
          default -> null;
        };
    if (expected == null) {
      errs.notSupported(path.child("type"), type, METRIC_TYPES);
    } else if (!Trees.has(spec, expected)) {
      errs.required(path.child(expected), "must populate information for the given metric source");
    }
    List<String> present = new ArrayList<>();
    for (String s : List.of("object", "pods", "resource", "containerResource", "external")) {
      if (Trees.has(spec, s)) {
        present.add(s);
      }
    }
    if (present.size() != 1) {
      present.stream().filter(s -> !s.equals(expected)).forEach(s -> errs.forbidden(path.child(s), "must populate the given metric source only"));
    }
    ObjectNode resource = Trees.object(spec, "resource");
    if (resource != null) {
      resourceSource(resource, path.child("resource"), errs);
    }
    ObjectNode containerResource = Trees.object(spec, "containerResource");
    if (containerResource != null) {
      if (Trees.string(containerResource, "container").isEmpty()) {
        errs.required(path.child("containerResource", "container"), "must specify a container");
      }
      resourceSource(containerResource, path.child("containerResource"), errs);
    }
    for (String s : List.of("object", "pods", "external")) {
      ObjectNode src = Trees.object(spec, s);
      if (src != null) {
        if (Trees.string(Trees.object(src, "metric"), "name").isEmpty()) {
          errs.required(path.child(s, "metric", "name"), "must specify a metric name");
        }
        target(Trees.object(src, "target"), path.child(s, "target"), errs);
      }
    }
  }

  private static void resourceSource(ObjectNode src, FieldPath path, FieldErrors errs) {
    if (Trees.string(src, "name").isEmpty()) {
      errs.required(path.child("name"), "must specify a resource name");
    }
    ObjectNode target = Trees.object(src, "target");
    target(target, path.child("target"), errs);
    boolean utilization = Trees.has(target, "averageUtilization");
    boolean averageValue = Trees.has(target, "averageValue");
    if (!utilization && !averageValue) {
      errs.required(path.child("target", "averageUtilization"), "must set either a target raw value or a target utilization");
    }
    if (utilization && averageValue) {
      errs.forbidden(path.child("target", "averageValue"), "may not set both a target raw value and a target utilization");
    }
  }

  /** {@code validateMetricTarget}. */
  private static void target(ObjectNode target, FieldPath path, FieldErrors errs) {
    String type = Trees.string(target, "type");
    if (type.isEmpty()) {
      errs.required(path.child("type"), "must specify a metric target type");
    }
    if (!type.equals("Utilization") && !type.equals("Value") && !type.equals("AverageValue")) {
      errs.invalid(path.child("type"), type, "must be either Utilization, Value, or AverageValue");
    }
    for (String f : List.of("value", "averageValue")) {
      JsonNode v = target == null ? null : target.get(f);
      if (v != null && !v.isNull()) {
        try {
          Quantity q = Quantities.parse(v);
          if (q.amount().signum() != 1) {
            errs.invalid(path.child(f), q.toString(), "must be positive");
          }
        } catch (IllegalArgumentException e) {
          errs.invalid(path.child(f), v.asText(), e.getMessage());
        }
      }
    }
    Long utilization = Trees.integer(target, "averageUtilization");
    if (utilization != null && utilization < 1) {
      errs.invalid(path.child("averageUtilization"), utilization, "must be greater than 0");
    }
  }

  /** {@code validateScalingRules}. */
  private static void scalingRules(ObjectNode rules, FieldPath path, FieldErrors errs) {
    if (rules == null) {
      return;
    }
    Long window = Trees.integer(rules, "stabilizationWindowSeconds");
    if (window != null && window < 0) {
      errs.invalid(path.child("stabilizationWindowSeconds"), window, "must be greater than or equal to zero");
    }
    if (window != null && window > MAX_STABILIZATION_WINDOW_SECONDS) {
      errs.invalid(path.child("stabilizationWindowSeconds"), window, "must be less than or equal to " + MAX_STABILIZATION_WINDOW_SECONDS);
    }
    String select = Trees.text(rules, "selectPolicy");
    if (select != null && !SELECT_POLICIES.contains(select)) {
      errs.notSupported(path.child("selectPolicy"), select, SELECT_POLICIES);
    }
    List<ObjectNode> policies = Trees.objects(rules, "policies");
    if (policies.isEmpty()) {
      errs.required(path.child("policies"), "must specify at least one Policy");
    }
    for (int i = 0; i < policies.size(); i++) {
      ObjectNode p = policies.get(i);
      FieldPath pp = path.child("policies").index(i);
      String type = Trees.string(p, "type");
      if (!POLICY_TYPES.contains(type)) {
        errs.notSupported(pp.child("type"), type, POLICY_TYPES);
      }
      long value = Trees.longValue(p, "value");
      if (value <= 0) {
        errs.invalid(pp.child("value"), value, "must be greater than zero");
      }
      long period = Trees.longValue(p, "periodSeconds");
      if (period <= 0) {
        errs.invalid(pp.child("periodSeconds"), period, "must be greater than zero");
      }
      if (period > MAX_PERIOD_SECONDS) {
        errs.invalid(pp.child("periodSeconds"), period, "must be less than or equal to " + MAX_PERIOD_SECONDS);
      }
    }
  }
}
