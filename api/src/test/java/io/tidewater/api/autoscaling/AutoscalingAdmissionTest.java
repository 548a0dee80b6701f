package io.tidewater.api.autoscaling;

import static io.tidewater.api.testing.Examples.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalingAdmissionTest {
  private static final KindDescriptor<FederatedHPA> FHPA = AutoscalingKinds.FEDERATED_HPA;
  private static final KindDescriptor<CronFederatedHPA> CRON = AutoscalingKinds.CRON_FEDERATED_HPA;

  private static List<FieldError> validateFhpa(ObjectNode json) {
    return FHPA.validateCreate(FHPA.applyDefaults(FHPA.decode(json)));
  }

  private static List<FieldError> validateCron(ObjectNode json) {
    return CRON.validateCreate(CRON.applyDefaults(CRON.decode(json)));
  }

  // ---- FederatedHPA

  @Test
  void federatedHpaDefaultsAreKubernetesHpaDefaults() {
    FederatedHPA h = FHPA.applyDefaults(FHPA.decode(Examples.yaml("""
        metadata: {name: web, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 10
        """)));
    assertThat(h.spec().minReplicas()).isEqualTo(1);
    assertThat(h.spec().metrics()).singleElement().satisfies(m -> {
      assertThat(m.getType()).isEqualTo("Resource");
      assertThat(m.getResource().getName()).isEqualTo("cpu");
      assertThat(m.getResource().getTarget().getType()).isEqualTo("Utilization");
      assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(80);
    });
    assertThat(h.spec().behavior()).as("behavior stays unset when not given, as in Kubernetes").isNull();
  }

  @Test
  void aGivenBehaviorIsCompletedRuleByRule() {
    FederatedHPA h = FHPA.applyDefaults(FHPA.decode(Examples.yaml("""
        spec:
          scaleTargetRef: {kind: Deployment, name: web}
          maxReplicas: 10
          behavior:
            scaleDown: {stabilizationWindowSeconds: 60}
        """)));
    var down = h.spec().behavior().getScaleDown();
    assertThat(down.getStabilizationWindowSeconds()).isEqualTo(60);
    assertThat(down.getSelectPolicy()).isEqualTo("Max");
    assertThat(down.getPolicies()).containsExactly(new HPAScalingPolicy(15, "Percent", 100));
    var up = h.spec().behavior().getScaleUp();
    assertThat(up.getStabilizationWindowSeconds()).isZero();
    assertThat(up.getPolicies()).containsExactly(new HPAScalingPolicy(15, "Pods", 4), new HPAScalingPolicy(15, "Percent", 100));
  }

  @Test
  void replicaBounds() {
    ObjectNode h = Examples.tree("federatedhpa.yaml");
    ((ObjectNode) h.at("/spec")).put("minReplicas", 0);
    assertThat(paths(validateFhpa(h))).containsExactly("INVALID spec.minReplicas");
    ((ObjectNode) h.at("/spec")).put("minReplicas", 20).put("maxReplicas", 10);
    List<FieldError> errs = validateFhpa(h);
    assertThat(paths(errs)).containsExactly("INVALID spec.maxReplicas");
    assertThat(errs.get(0).message()).isEqualTo("spec.maxReplicas: Invalid value: 10: must be greater than or equal to `minReplicas`");
    ((ObjectNode) h.at("/spec")).remove("maxReplicas");
    assertThat(paths(validateFhpa(h))).containsExactly("REQUIRED spec.maxReplicas");
  }

  @Test
  void metricsAndBehavior() {
    ObjectNode h = Examples.tree("federatedhpa.yaml");
    ((ObjectNode) h.at("/spec/metrics/0")).remove("resource");
    ((ObjectNode) h.at("/spec/metrics/1/pods/target")).put("type", "Median");
    ((ObjectNode) h.at("/spec/behavior/scaleDown/policies/0")).put("periodSeconds", 0);
    ((ObjectNode) h.at("/spec/scaleTargetRef")).remove("name");
    assertThat(paths(validateFhpa(h)))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.metrics[0].resource",
            "NOT_SUPPORTED spec.metrics[1].pods.target.type",
            "INVALID spec.behavior.scaleDown.policies[0].periodSeconds",
            "REQUIRED spec.scaleTargetRef.name");
  }

  // ---- CronFederatedHPA

  @Test
  void cronDefaults() {
    CronFederatedHPA c = CRON.applyDefaults(CRON.decode(Examples.yaml("""
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          rules:
          - {name: night, schedule: "0 1 * * *", targetReplicas: 2}
        """)));
    CronFederatedHPARule r = c.spec().rules().get(0);
    assertThat(r.suspend()).isFalse();
    assertThat(r.successfulHistoryLimit()).isEqualTo(3);
    assertThat(r.failedHistoryLimit()).isEqualTo(3);
    assertThat(r.timeZone()).isNull();
  }

  @Test
  void anInvalidScheduleSaysWhy() {
    ObjectNode c = Examples.tree("cronfederatedhpa.yaml");
    ((ObjectNode) c.at("/spec/rules/0")).put("schedule", "61 18 * * MON-FRI");
    ((ObjectNode) c.at("/spec/rules/1")).put("schedule", "0 1 * *");
    List<FieldError> errs = validateCron(c);
    assertThat(paths(errs)).containsExactly("INVALID spec.rules[0].schedule", "INVALID spec.rules[1].schedule");
    assertThat(errs.get(0).message())
        .isEqualTo("spec.rules[0].schedule: Invalid value: \"61 18 * * MON-FRI\": invalid cron schedule: "
            + "minute: 61 is above the maximum of 59: \"61\"");
    assertThat(errs.get(1).detail()).isEqualTo("invalid cron schedule: expected exactly 5 fields, found 4: \"0 1 * *\"");
  }

  @Test
  void timeZonesNamesAndLimits() {
    ObjectNode c = Examples.tree("cronfederatedhpa.yaml");
    ((ObjectNode) c.at("/spec/rules/0")).put("timeZone", "Mars/Olympus_Mons");
    ((ObjectNode) c.at("/spec/rules/1")).put("name", "evening-peak").put("successfulHistoryLimit", 0).put("schedule", "TZ=UTC 0 1 * * *");
    List<FieldError> errs = validateCron(c);
    assertThat(paths(errs))
        .containsExactlyInAnyOrder(
            "INVALID spec.rules[0].timeZone",
            "DUPLICATE spec.rules[1].name",
            "INVALID spec.rules[1].successfulHistoryLimit",
            "INVALID spec.rules[1].schedule");
    assertThat(errs).extracting(FieldError::detail)
        .contains("invalid cron schedule: TZ and CRON_TZ are not supported in the schedule; use timeZone instead");
  }

  @Test
  void actionsMustFitTheTarget() {
    ObjectNode c = Examples.tree("cronfederatedhpa.yaml");
    ((ObjectNode) c.at("/spec/rules/0")).put("targetReplicas", 5).put("targetMinReplicas", 500);
    ((ObjectNode) c.at("/spec/rules/1")).remove("targetMinReplicas");
    assertThat(paths(validateCron(c)))
        .containsExactlyInAnyOrder(
            "FORBIDDEN spec.rules[0].targetReplicas", "INVALID spec.rules[0].targetMaxReplicas", "REQUIRED spec.rules[1]");

    ObjectNode d = Examples.tree("cronfederatedhpa.yaml");
    ((ObjectNode) d.at("/spec/scaleTargetRef")).put("apiVersion", "apps/v1").put("kind", "Deployment");
    assertThat(paths(validateCron(d)))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.rules[0].targetReplicas",
            "FORBIDDEN spec.rules[0].targetMinReplicas",
            "FORBIDDEN spec.rules[0].targetMaxReplicas",
            "REQUIRED spec.rules[1].targetReplicas",
            "FORBIDDEN spec.rules[1].targetMinReplicas");
  }

  @Test
  void ruleNamesAreAtMost32Characters() {
    ObjectNode c = Examples.tree("cronfederatedhpa.yaml");
    ((ObjectNode) c.at("/spec/rules/0")).put("name", "r".repeat(33));
    assertThat(paths(validateCron(c))).containsExactly("TOO_LONG spec.rules[0].name");
  }
}
