package io.tidewater.api.autoscaling;

import static io.tidewater.api.kinds.Defaulting.each;
import static io.tidewater.api.kinds.Defaulting.ifSet;
import static io.tidewater.api.kinds.Defaulting.or;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.tidewater.api.kinds.TidewaterJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Defaults of FederatedHPA, the same as Kubernetes' for autoscaling/v2 HorizontalPodAutoscaler
 * ({@code SetDefaults_HorizontalPodAutoscaler}), and of CronFederatedHPA, as Karmada's.
 */
public final class AutoscalingDefaults {
  private AutoscalingDefaults() {}

  public static final int DEFAULT_CPU_UTILIZATION = 80;
  public static final int DEFAULT_HISTORY_LIMIT = 3;
  /** Kubernetes leaves scale-down stabilisation to a controller flag defaulting to 5 minutes; we write it down. */
  public static final int DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS = 300;

  public static FederatedHPA apply(FederatedHPA h) {
    return new FederatedHPA(
        or(h.apiVersion(), FederatedHPA.API_VERSION), or(h.kind(), FederatedHPA.KIND), h.metadata(), ifSet(h.spec(), AutoscalingDefaults::spec), h.status());
  }

  public static CronFederatedHPA apply(CronFederatedHPA c) {
    return new CronFederatedHPA(
        or(c.apiVersion(), FederatedHPA.API_VERSION), or(c.kind(), CronFederatedHPA.KIND), c.metadata(),
        ifSet(c.spec(), s -> new CronFederatedHPASpec(s.scaleTargetRef(), each(s.rules(), AutoscalingDefaults::rule))),
        c.status());
  }

  private static CronFederatedHPARule rule(CronFederatedHPARule r) {
    return new CronFederatedHPARule(
        r.name(), r.schedule(), r.targetReplicas(), r.targetMinReplicas(), r.targetMaxReplicas(), or(r.suspend(), false), r.timeZone(),
        or(r.successfulHistoryLimit(), DEFAULT_HISTORY_LIMIT), or(r.failedHistoryLimit(), DEFAULT_HISTORY_LIMIT));
  }

  private static FederatedHPASpec spec(FederatedHPASpec s) {
    List<MetricSpec> metrics = s.metrics() == null || s.metrics().isEmpty() ? List.of(defaultMetric()) : s.metrics();
    return new FederatedHPASpec(s.scaleTargetRef(), or(s.minReplicas(), 1), s.maxReplicas(), metrics, behavior(s.behavior()));
  }

  /** 80% average CPU utilisation. */
  public static MetricSpec defaultMetric() {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(DEFAULT_CPU_UTILIZATION)
        .endTarget()
        .endResource()
        .build();
  }

  /** As Kubernetes: only a behavior that is set gets its unset rules and fields filled. */
  private static HorizontalPodAutoscalerBehavior behavior(HorizontalPodAutoscalerBehavior in) {
    if (in == null) {
      return null;
    }
    HorizontalPodAutoscalerBehavior b = TidewaterJson.copy(in, HorizontalPodAutoscalerBehavior.class);
    b.setScaleUp(rules(b.getScaleUp(), 0, List.of(policy("Pods", 4, 15), policy("Percent", 100, 15))));
    b.setScaleDown(rules(b.getScaleDown(), DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS, List.of(policy("Percent", 100, 15))));
    return b;
  }

  private static HPAScalingRules rules(HPAScalingRules r, int stabilization, List<HPAScalingPolicy> policies) {
    HPAScalingRules out = r == null ? new HPAScalingRules() : r;
    if (out.getStabilizationWindowSeconds() == null) {
      out.setStabilizationWindowSeconds(stabilization);
    }
    if (out.getSelectPolicy() == null || out.getSelectPolicy().isEmpty()) {
      out.setSelectPolicy("Max");
    }
    if (out.getPolicies() == null || out.getPolicies().isEmpty()) {
      out.setPolicies(new ArrayList<>(policies));
    }
    return out;
  }

  private static HPAScalingPolicy policy(String type, int value, int periodSeconds) {
    return new HPAScalingPolicy(periodSeconds, type, value);
  }
}
