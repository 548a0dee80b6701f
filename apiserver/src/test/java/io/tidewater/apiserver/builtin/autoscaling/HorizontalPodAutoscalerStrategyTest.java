package io.tidewater.apiserver.builtin.autoscaling;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerStrategyTest {
  private final HorizontalPodAutoscalerStrategy strategy = new HorizontalPodAutoscalerStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode hpa(String spec) {
    return json(
        "{\"apiVersion\":\"autoscaling/v2\",\"kind\":\"HorizontalPodAutoscaler\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":"
            + spec
            + "}");
  }

  static final String REF = "\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"}";

  @Test
  void defaultsToOneReplicaAndEightyPercentCpuWithoutBehavior() {
    ObjectNode expected =
        hpa(
            "{" + REF + ",\"maxReplicas\":10,\"minReplicas\":1,"
                + "\"metrics\":[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":80}}}]}");
    assertThat(harness.defaulted(hpa("{" + REF + ",\"maxReplicas\":10}"))).isEqualTo(expected);
  }

  @Test
  void behaviorIsCompletedOnlyWhenPresent() {
    ObjectNode in =
        hpa(
            "{" + REF + ",\"maxReplicas\":10,\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":60}},"
                + "\"metrics\":[{\"type\":\"Pods\",\"pods\":{\"metric\":{\"name\":\"qps\"},\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"0.5\"}}}]}");
    ObjectNode out = harness.defaulted(in);
    assertThat(out.at("/spec/behavior"))
        .isEqualTo(
            json(
                """
                {"scaleDown":{"stabilizationWindowSeconds":60,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]},
                 "scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max",
                   "policies":[{"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]}}
                """));
    assertThat(out.at("/spec/metrics/0/pods/target/averageValue").asText()).isEqualTo("500m");
  }

  @Test
  void aNewHpaShowsDesiredReplicasZero() {
    ObjectNode stored = harness.create(hpa("{" + REF + ",\"maxReplicas\":10}")).stored();
    assertThat(stored.get("status")).isEqualTo(json("{\"desiredReplicas\":0}"));
  }

  @Test
  void replicaBoundsAndTargetReference() {
    assertThat(harness.errors(hpa("{\"scaleTargetRef\":{\"name\":\"web\"},\"minReplicas\":0,\"maxReplicas\":0}")))
        .containsExactly(
            "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
            "spec.maxReplicas: Invalid value: 0: must be greater than 0",
            "spec.scaleTargetRef.kind: Required value");
    assertThat(harness.errors(hpa("{" + REF + ",\"minReplicas\":5,\"maxReplicas\":3}")))
        .containsExactly("spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`");
  }

  @Test
  void metricTargetsAreSane() {
    ObjectNode bad =
        hpa(
            "{" + REF + ",\"maxReplicas\":3,\"metrics\":["
                + "{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":0,\"averageValue\":\"1Gi\"}}},"
                + "{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"target\":{\"type\":\"Average\"}}},"
                + "{\"type\":\"Requests\"}]}");
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
            "spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization",
            "spec.metrics[1].resource.target.type: Invalid value: \"Average\": must be either Utilization, Value, or AverageValue",
            "spec.metrics[1].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization",
            "spec.metrics[2].type: Unsupported value: \"Requests\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\","
                + " \"Resource\"");
  }

  @Test
  void printsReferenceAndTargetsAsKubectl() {
    ObjectNode h = harness.create(hpa("{" + REF + ",\"maxReplicas\":10}")).stored();
    assertThat(harness.columnNames()).containsExactly("Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age");
    assertThat(harness.cells(h)).containsExactly("Deployment/web", "cpu: <unknown>/80%", "1", 10L, 0L, "<unknown>");
    h.set(
        "status",
        json(
            """
            {"currentReplicas":3,"desiredReplicas":3,
             "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":40,"averageValue":"120m"}}}]}
            """));
    assertThat(harness.cells(h).subList(0, 5)).containsExactly("Deployment/web", "cpu: 40%/80%", "1", 10L, 3L);
  }

  @Test
  void printsAtMostTwoMetrics() {
    ObjectNode h =
        hpa(
            "{" + REF + ",\"maxReplicas\":10,\"metrics\":["
                + "{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"512Mi\"}}},"
                + "{\"type\":\"Pods\",\"pods\":{\"metric\":{\"name\":\"qps\"},\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"100\"}}},"
                + "{\"type\":\"External\",\"external\":{\"metric\":{\"name\":\"queue\"},\"target\":{\"type\":\"Value\",\"value\":\"30\"}}}]}");
    assertThat(harness.cell(h, "Targets")).isEqualTo("memory: <unknown>/512Mi, <unknown>/100 + 1 more...");
  }

  @Test
  void tracksGenerationAndHasStatus() {
    assertThat(strategy.tracksGeneration()).isTrue();
    assertThat(strategy.hasStatus()).isTrue();
    assertThat(strategy.scale()).isEmpty();
  }
}
