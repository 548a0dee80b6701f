package io.tidewater.controllers.detector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.policy.ClusterPropagationPolicy;
import io.tidewater.api.policy.PropagationPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyMatcherTest {
  private static final ObjectNode WEB = Json.parseObject(
      "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\",\"labels\":{\"app\":\"web\"}}}".getBytes());

  private static PropagationPolicy pp(String name, String selector, Integer priority) {
    return TidewaterJson.decode(Json.parseObject(("{\"apiVersion\":\"policy.tidewater.io/v1alpha1\",\"kind\":\"PropagationPolicy\",\"metadata\":{\"name\":\""
        + name + "\",\"namespace\":\"shop\"},\"spec\":{" + (priority == null ? "" : "\"priority\":" + priority + ",") + "\"resourceSelectors\":[" + selector + "]}}").getBytes()),
        PropagationPolicy.class);
  }

  private static ClusterPropagationPolicy cpp(String name, String selector) {
    return TidewaterJson.decode(Json.parseObject(("{\"apiVersion\":\"policy.tidewater.io/v1alpha1\",\"kind\":\"ClusterPropagationPolicy\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{\"resourceSelectors\":[" + selector + "]}}").getBytes()), ClusterPropagationPolicy.class);
  }

  private static final String BY_KIND = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}";
  private static final String BY_NAME = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"}";
  private static final String BY_LABEL = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"labelSelector\":{\"matchLabels\":{\"app\":\"web\"}}}";

  @Test
  void theMostSpecificSelectorWins() {
    var m = PolicyMatcher.best(WEB, List.of(pp("all", BY_KIND, null), pp("named", BY_NAME, null), pp("labelled", BY_LABEL, null)), List.of());
    assertThat(m).hasValueSatisfying(x -> assertThat(x.name()).isEqualTo("named"));
  }

  @Test
  void priorityBeatsSpecificityAndNamespacedBeatsClusterWide() {
    var m = PolicyMatcher.best(WEB, List.of(pp("named", BY_NAME, 0), pp("urgent", BY_KIND, 10)), List.of());
    assertThat(m.get().name()).isEqualTo("urgent");
    var m2 = PolicyMatcher.best(WEB, List.of(pp("ns", BY_KIND, null)), List.of(cpp("cluster", BY_NAME)));
    assertThat(m2.get().name()).isEqualTo("ns");
  }

  @Test
  void nothingMatchesOtherKindsOrLabels() {
    String other = "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\"}";
    String otherLabel = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"labelSelector\":{\"matchLabels\":{\"app\":\"db\"}}}";
    assertThat(PolicyMatcher.best(WEB, List.of(pp("sts", other, null), pp("db", otherLabel, null)), List.of())).isEmpty();
  }
}
