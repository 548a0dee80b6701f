package io.tidewater.apiserver.builtin.apps;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DeploymentStrategyTest {
  private final DeploymentStrategy strategy = new DeploymentStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode deployment(String spec) {
    return json("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":" + spec + "}");
  }

  static final String VALID_SPEC =
      """
      {"selector":{"matchLabels":{"app":"web"}},
       "template":{"metadata":{"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}],
           "resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]}}}
      """;

  @Test
  void defaultsMatchKubernetes() {
    ObjectNode expected =
        deployment(
            """
            {"replicas":1,"revisionHistoryLimit":10,"progressDeadlineSeconds":600,
             "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
             "selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],
                 "resources":{"requests":{"cpu":"100m","memory":"128Mi"}},
                 "imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
                 "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},
                 "schedulerName":"default-scheduler"}}}
            """);
    assertThat(harness.defaulted(deployment(VALID_SPEC))).isEqualTo(expected);
  }

  @Test
  void explicitValuesAndRecreateAreKept() {
    ObjectNode in = deployment(VALID_SPEC);
    in.withObject("/spec").put("replicas", 0).putObject("strategy").put("type", "Recreate");
    ObjectNode out = harness.defaulted(in);
    assertThat(out.at("/spec/replicas").asInt()).isZero();
    assertThat(out.at("/spec/strategy")).isEqualTo(json("{\"type\":\"Recreate\"}"));
  }

  @Test
  void aNewDeploymentHasAnEmptyStatusAndIsValid() {
    ObjectNode stored = harness.create(deployment(VALID_SPEC)).stored();
    assertThat(stored.get("status")).isEqualTo(json("{}"));
  }

  @Test
  void selectorAndTemplateMustAgree() {
    ObjectNode mismatch = deployment(VALID_SPEC);
    mismatch.withObject("/spec/template/metadata/labels").put("app", "api");
    assertThat(harness.errors(mismatch))
        .containsExactly("spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`");

    ObjectNode noSelector = deployment(VALID_SPEC);
    noSelector.withObject("/spec").remove("selector");
    assertThat(harness.errors(noSelector)).containsExactly("spec.selector: Required value");

    ObjectNode emptySelector = deployment(VALID_SPEC);
    emptySelector.withObject("/spec").putObject("selector");
    assertThat(harness.errors(emptySelector)).containsExactly("spec.selector: Invalid value: {}: empty selector is invalid for deployment");
  }

  @Test
  void replicasAndRollingUpdateRules() {
    ObjectNode bad = deployment(VALID_SPEC);
    bad.withObject("/spec").put("replicas", -1);
    bad.withObject("/spec/strategy/rollingUpdate").put("maxSurge", 0).put("maxUnavailable", 0);
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0");

    ObjectNode percents = deployment(VALID_SPEC);
    percents.withObject("/spec/strategy/rollingUpdate").put("maxSurge", "30").put("maxUnavailable", "120%");
    assertThat(harness.errors(percents))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"30\": a valid percent string must be a numeric string followed by"
                + " an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%");
  }

  @Test
  void podsOfWorkloadsAlwaysRestart() {
    ObjectNode bad = deployment(VALID_SPEC);
    bad.withObject("/spec/template/spec").put("restartPolicy", "Never").put("activeDeadlineSeconds", 30);
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported");
  }

  @Test
  void theSelectorIsImmutable() {
    ObjectNode stored = harness.create(deployment(VALID_SPEC)).stored();
    ObjectNode changed = stored.deepCopy();
    changed.withObject("/spec/selector/matchLabels").put("tier", "front");
    changed.withObject("/spec/template/metadata/labels").put("tier", "front");
    assertThat(harness.update(changed, stored).messages())
        .containsExactly("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"front\"}}: field is immutable");
    ObjectNode scaled = stored.deepCopy();
    scaled.withObject("/spec").put("replicas", 5);
    assertThat(harness.update(scaled, stored).messages()).isEmpty();
  }

  @Test
  void printsReadyOfDesiredAsKubectl() {
    ObjectNode d = harness.create(deployment(VALID_SPEC)).stored();
    d.withObject("/metadata").put("creationTimestamp", Instant.now().minus(2, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString());
    d.withObject("/spec").put("replicas", 4);
    d.withObject("/spec/template/spec").withArray("containers").addObject().put("name", "envoy").put("image", "envoyproxy/envoy:v1.30");
    d.set("status", json("{\"replicas\":4,\"updatedReplicas\":4,\"readyReplicas\":3,\"availableReplicas\":3}"));
    assertThat(harness.columnNames()).containsExactly("Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*");
    assertThat(harness.cells(d)).containsExactly("3/4", 4L, 3L, "2d3h", "web,envoy", "nginx:1.27,envoyproxy/envoy:v1.30", "app=web");
  }

  @Test
  void hasStatusScaleAndGeneration() {
    assertThat(strategy.hasStatus()).isTrue();
    assertThat(strategy.tracksGeneration()).isTrue();
    assertThat(strategy.scale()).hasValueSatisfying(s -> {
      assertThat(s.specReplicasPath()).isEqualTo("spec.replicas");
      assertThat(s.statusReplicasPath()).isEqualTo("status.replicas");
      assertThat(s.labelSelectorPath()).isEqualTo("spec.selector");
    });
  }
}
