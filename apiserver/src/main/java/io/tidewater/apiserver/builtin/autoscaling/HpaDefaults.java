package io.tidewater.apiserver.builtin.autoscaling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.List;

/**
 * autoscaling/v2 {@code SetDefaults_HorizontalPodAutoscaler}: one replica at least, 80% CPU when no
 * metric is given, and — only when {@code behavior} is present — the scale-up and scale-down rules
 * completed from Kubernetes' defaults. Metric quantities are canonicalised.
 */
final class HpaDefaults {
  private HpaDefaults() {}

  /** Kubernetes' {@code DefaultCPUUtilization}. */
  static final int DEFAULT_CPU_UTILIZATION = 80;

  static void apply(ObjectNode hpa) {
    ObjectNode spec = Trees.ensureObject(hpa, "spec");
    Trees.defaultValue(spec, "minReplicas", 1);
    if (Trees.size(spec, "metrics") == 0) {
      ObjectNode metric = spec.putArray("metrics").addObject();
      metric.put("type", "Resource");
      ObjectNode resource = metric.putObject("resource");
      resource.put("name", "cpu");
      ObjectNode target = resource.putObject("target");
      target.put("type", "Utilization");
      target.put("averageUtilization", DEFAULT_CPU_UTILIZATION);
    }
    for (ObjectNode metric : Trees.objects(spec, "metrics")) {
      for (String source : List.of("object", "pods", "resource", "containerResource", "external")) {
        ObjectNode target = Trees.object(Trees.object(metric, source), "target");
        if (target != null) {
          Quantities.canonicalise(target, "value", false);
          Quantities.canonicalise(target, "averageValue", false);
        }
      }
    }
    ObjectNode behavior = Trees.object(spec, "behavior");
    if (behavior != null) {
      scaleUp(Trees.ensureObject(behavior, "scaleUp"));
      scaleDown(Trees.ensureObject(behavior, "scaleDown"));
    }
  }

  /** At most 4 pods or 100% more every 15s, whichever is more; no stabilisation. */
  private static void scaleUp(ObjectNode rules) {
    Trees.defaultValue(rules, "stabilizationWindowSeconds", 0);
    Trees.defaultPointerText(rules, "selectPolicy", "Max");
    if (!Trees.has(rules, "policies")) {
      ArrayNode policies = rules.putArray("policies");
      policy(policies, "Pods", 4);
      policy(policies, "Percent", 100);
    }
  }

  /**
   * Up to 100% fewer every 15s. The stabilisation window stays unset: the controller's
   * command-line default (300s) applies, as in Kubernetes.
   */
  private static void scaleDown(ObjectNode rules) {
    Trees.defaultPointerText(rules, "selectPolicy", "Max");
    if (!Trees.has(rules, "policies")) {
      policy(rules.putArray("policies"), "Percent", 100);
    }
  }

  private static void policy(ArrayNode policies, String type, int value) {
    ObjectNode p = policies.addObject();
    p.put("type", type);
    p.put("value", value);
    p.put("periodSeconds", 15);
  }
}
