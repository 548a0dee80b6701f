package io.tidewater.api.autoscaling;

import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.tidewater.api.validation.FieldError;
import io.tidewater.api.validation.FieldPath;
import io.tidewater.api.validation.KubeRules;
import io.tidewater.api.validation.NameRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation of a FederatedHPA, following Kubernetes' HorizontalPodAutoscaler validation. */
public final class FederatedHPAValidation {
  private FederatedHPAValidation() {}

  private static final List<String> METRIC_TYPES = List.of("Object", "Pods", "Resource", "ContainerResource", "External");
  private static final List<String> TARGET_TYPES = List.of("Utilization", "Value", "AverageValue");
  private static final List<String> POLICY_TYPES = List.of("Pods", "Percent");
  private static final List<String> SELECT_POLICIES = List.of("Max", "Min", "Disabled");

  public static List<FieldError> validate(FederatedHPA h) {
    List<FieldError> errs = new ArrayList<>();
    FederatedHPASpec s = h.spec();
    if (s == null) {
      return errs;
    }
    FieldPath p = FieldPath.root("spec");
    scaleTargetRef(s.scaleTargetRef(), p.child("scaleTargetRef"), errs);
    KubeRules.atLeast(s.minReplicas(), 1, p.child("minReplicas"), errs);
    if (s.maxReplicas() != null) {
      if (s.maxReplicas() < 1) {
        errs.add(FieldError.invalid(p.child("maxReplicas"), s.maxReplicas(), "must be greater than or equal to 1"));
      } else if (s.minReplicas() != null && s.maxReplicas() < s.minReplicas()) {
        errs.add(FieldError.invalid(p.child("maxReplicas"), s.maxReplicas(), "must be greater than or equal to `minReplicas`"));
      }
    }
    if (s.metrics() != null) {
      for (int i = 0; i < s.metrics().size(); i++) {
        metric(s.metrics().get(i), p.child("metrics").index(i), errs);
      }
    }
    if (s.behavior() != null) {
      rules(s.behavior().getScaleUp(), p.child("behavior").child("scaleUp"), errs);
      rules(s.behavior().getScaleDown(), p.child("behavior").child("scaleDown"), errs);
    }
    return errs;
  }

  public static List<FieldError> validateStatus(FederatedHPA h) {
    List<FieldError> errs = new ArrayList<>();
    if (h.status() != null) {
      KubeRules.atLeast(h.status().getCurrentReplicas(), 0, FieldPath.root("status").child("currentReplicas"), errs);
      KubeRules.atLeast(h.status().getDesiredReplicas(), 0, FieldPath.root("status").child("desiredReplicas"), errs);
    }
    return errs;
  }

  /** A scale target needs a kind and a name that can appear in a URL path. */
  static void scaleTargetRef(CrossVersionObjectReference ref, FieldPath p, List<FieldError> errs) {
    if (ref == null) {
      return; // reported as Required by the generic check
    }
    if (ref.getKind() == null || ref.getKind().isEmpty()) {
      errs.add(FieldError.required(p.child("kind"), ""));
    }
    if (ref.getName() == null || ref.getName().isEmpty()) {
      errs.add(FieldError.required(p.child("name"), ""));
    } else {
      for (String msg : NameRules.dns1123Subdomain(ref.getName())) {
        errs.add(FieldError.invalid(p.child("name"), ref.getName(), msg));
      }
    }
  }

  private static void metric(MetricSpec m, FieldPath p, List<FieldError> errs) {
    Map<String, Object> sources = new LinkedHashMap<>();
    sources.put("Object", m.getObject());
    sources.put("Pods", m.getPods());
    sources.put("Resource", m.getResource());
    sources.put("ContainerResource", m.getContainerResource());
    sources.put("External", m.getExternal());
    String type = m.getType();
    if (type == null || type.isEmpty()) {
      errs.add(FieldError.required(p.child("type"), "must specify a metric source type"));
      return;
    }
    if (!METRIC_TYPES.contains(type)) {
      errs.add(FieldError.notSupported(p.child("type"), type, METRIC_TYPES));
      return;
    }
    String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
    if (sources.get(type) == null) {
      errs.add(FieldError.required(p.child(field), "must populate information for the given metric source"));
      return;
    }
    sources.forEach((t, src) -> {
      if (!t.equals(type) && src != null) {
        errs.add(FieldError.forbidden(p.child(Character.toLowerCase(t.charAt(0)) + t.substring(1)), "must populate the given metric source only"));
      }
    });
    FieldPath sp = p.child(field);
    switch (type) {
      case "Resource" -> {
        requireName(m.getResource().getName(), sp.child("name"), errs);
        target(m.getResource().getTarget(), sp.child("target"), errs);
      }
      case "ContainerResource" -> {
        requireName(m.getContainerResource().getName(), sp.child("name"), errs);
        requireName(m.getContainerResource().getContainer(), sp.child("container"), errs);
        target(m.getContainerResource().getTarget(), sp.child("target"), errs);
      }
      case "Pods" -> {
        requireName(m.getPods().getMetric() == null ? null : m.getPods().getMetric().getName(), sp.child("metric").child("name"), errs);
        target(m.getPods().getTarget(), sp.child("target"), errs);
      }
      case "Object" -> {
        requireName(m.getObject().getMetric() == null ? null : m.getObject().getMetric().getName(), sp.child("metric").child("name"), errs);
        target(m.getObject().getTarget(), sp.child("target"), errs);
      }
      default -> {
        requireName(m.getExternal().getMetric() == null ? null : m.getExternal().getMetric().getName(), sp.child("metric").child("name"), errs);
        target(m.getExternal().getTarget(), sp.child("target"), errs);
      }
    }
  }

  private static void target(MetricTarget t, FieldPath p, List<FieldError> errs) {
    if (t == null) {
      errs.add(FieldError.required(p, "must specify a metric target"));
      return;
    }
    if (t.getType() == null || t.getType().isEmpty()) {
      errs.add(FieldError.required(p.child("type"), "must specify a metric target type"));
      return;
    }
    switch (t.getType()) {
      case "Utilization" -> {
        if (t.getAverageUtilization() == null) {
          errs.add(FieldError.required(p.child("averageUtilization"), "must be set when `type` is 'Utilization'"));
        } else {
          KubeRules.atLeast(t.getAverageUtilization(), 1, p.child("averageUtilization"), errs);
        }
      }
      case "Value" -> {
        if (t.getValue() == null) {
          errs.add(FieldError.required(p.child("value"), "must be set when `type` is 'Value'"));
        }
        KubeRules.quantity(t.getValue(), false, p.child("value"), errs);
      }
      case "AverageValue" -> {
        if (t.getAverageValue() == null) {
          errs.add(FieldError.required(p.child("averageValue"), "must be set when `type` is 'AverageValue'"));
        }
        KubeRules.quantity(t.getAverageValue(), true, p.child("averageValue"), errs);
      }
      default -> errs.add(FieldError.notSupported(p.child("type"), t.getType(), TARGET_TYPES));
    }
  }

  private static void rules(HPAScalingRules r, FieldPath p, List<FieldError> errs) {
    if (r == null) {
      return;
    }
    if (r.getSelectPolicy() != null && !SELECT_POLICIES.contains(r.getSelectPolicy())) {
      errs.add(FieldError.notSupported(p.child("selectPolicy"), r.getSelectPolicy(), SELECT_POLICIES));
    }
    KubeRules.between(r.getStabilizationWindowSeconds(), 0, 3600, p.child("stabilizationWindowSeconds"), errs);
    List<HPAScalingPolicy> policies = r.getPolicies();
    if (policies == null) {
      return;
    }
    for (int i = 0; i < policies.size(); i++) {
      HPAScalingPolicy pol = policies.get(i);
      FieldPath pp = p.child("policies").index(i);
      if (pol.getType() == null || !POLICY_TYPES.contains(pol.getType())) {
        errs.add(FieldError.notSupported(pp.child("type"), pol.getType(), POLICY_TYPES));
      }
      if (pol.getValue() == null || pol.getValue() <= 0) {
        errs.add(FieldError.invalid(pp.child("value"), pol.getValue(), "must be greater than zero"));
      }
      if (pol.getPeriodSeconds() == null || pol.getPeriodSeconds() <= 0 || pol.getPeriodSeconds() > 1800) {
        errs.add(FieldError.invalid(pp.child("periodSeconds"), pol.getPeriodSeconds(), "must be greater than zero and less than or equal to 1800"));
      }
    }
  }

  private static void requireName(String name, FieldPath p, List<FieldError> errs) {
    if (name == null || name.isEmpty()) {
      errs.add(FieldError.required(p, ""));
    }
  }
}
