package io.tidewater.apiserver.builtin.apps;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class ReplicaSetStrategyTest {
  private final ReplicaSetStrategy strategy = new ReplicaSetStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode replicaSet() {
    return json(
        """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d8f","namespace":"default"},
         "spec":{"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d8f"}},
           "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"5d8f"}},
             "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
        """);
  }

  @Test
  void defaultsOneReplicaAndThePodTemplate() {
    ObjectNode out = harness.defaulted(replicaSet());
    assertThat(out.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(out.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(out.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    assertThat(harness.create(replicaSet()).stored().get("status")).isEqualTo(json("{\"replicas\":0}"));
  }

  @Test
  void validation() {
    ObjectNode bad = replicaSet();
    bad.withObject("/spec").put("replicas", -2).put("minReadySeconds", -1);
    bad.withObject("/spec/selector").putArray("matchExpressions").addObject().put("key", "tier").put("operator", "In");
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"pod-template-hash\":\"5d8f\"},\"matchExpressions\":[{\"key\":\"tier\","
                + "\"operator\":\"In\"}]}: invalid label selector");
  }

  @Test
  void printsDesiredCurrentReady() {
    ObjectNode rs = harness.create(replicaSet()).stored();
    rs.withObject("/spec").put("replicas", 3);
    rs.set("status", json("{\"replicas\":3,\"readyReplicas\":1}"));
    assertThat(harness.columnNames()).containsExactly("Desired", "Current", "Ready", "Age", "Containers*", "Images*", "Selector*");
    assertThat(harness.cells(rs)).containsExactly(3L, 3L, 1L, "<unknown>", "web", "nginx", "app=web,pod-template-hash=5d8f");
    assertThat(strategy.selectableFields().get("status.replicas").apply(rs)).isEqualTo("3");
  }
}
