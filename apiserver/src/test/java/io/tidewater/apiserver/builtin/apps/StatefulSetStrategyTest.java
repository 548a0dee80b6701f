package io.tidewater.apiserver.builtin.apps;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class StatefulSetStrategyTest {
  private final StatefulSetStrategy strategy = new StatefulSetStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode statefulSet(String spec) {
    return json("{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"db\",\"namespace\":\"default\"},\"spec\":" + spec + "}");
  }

  static final String VALID_SPEC =
      """
      {"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
       "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres:16",
         "volumeMounts":[{"name":"data","mountPath":"/var/lib/postgresql"}]}]}},
       "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1024Mi"}}}}]}
      """;

  @Test
  void defaultsMatchKubernetes() {
    ObjectNode expected =
        statefulSet(
            """
            {"serviceName":"db","replicas":1,"revisionHistoryLimit":10,"podManagementPolicy":"OrderedReady",
             "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},
             "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"},
             "selector":{"matchLabels":{"app":"db"}},
             "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres:16",
               "volumeMounts":[{"name":"data","mountPath":"/var/lib/postgresql"}],
               "imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
               "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},
               "schedulerName":"default-scheduler"}},
             "volumeClaimTemplates":[{"metadata":{"name":"data"},
               "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"volumeMode":"Filesystem"},
               "status":{"phase":"Pending"}}]}
            """);
    assertThat(harness.defaulted(statefulSet(VALID_SPEC))).isEqualTo(expected);
  }

  @Test
  void anOnDeleteStrategyGetsNoRollingUpdate() {
    ObjectNode in = statefulSet(VALID_SPEC);
    in.withObject("/spec").putObject("updateStrategy").put("type", "OnDelete");
    assertThat(harness.defaulted(in).at("/spec/updateStrategy")).isEqualTo(json("{\"type\":\"OnDelete\"}"));
  }

  @Test
  void aNewStatefulSetShowsItsCountersAndIsValidAlthoughItMountsAClaim() {
    ObjectNode stored = harness.create(statefulSet(VALID_SPEC)).stored();
    assertThat(stored.get("status")).isEqualTo(json("{\"availableReplicas\":0,\"replicas\":0}"));
  }

  @Test
  void namesAreDnsLabels() {
    assertThat(strategy.validateName("db-0")).isEmpty();
    assertThat(strategy.validateName("db.v2")).isNotEmpty();
  }

  @Test
  void specRules() {
    ObjectNode bad = statefulSet(VALID_SPEC);
    bad.withObject("/spec").put("podManagementPolicy", "Random").putObject("selector");
    bad.withObject("/spec/updateStrategy").put("type", "OnDelete").putObject("rollingUpdate").put("partition", 1);
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
            "spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'",
            "spec.selector: Invalid value: {}: empty selector is invalid for statefulset");
  }

  @Test
  void onlySomeSpecFieldsMayChange() {
    ObjectNode stored = harness.create(statefulSet(VALID_SPEC)).stored();
    ObjectNode scaled = stored.deepCopy();
    scaled.withObject("/spec").put("replicas", 3);
    scaled.withObject("/spec/template/spec/containers/0").put("image", "postgres:17");
    scaled.withObject("/spec/updateStrategy/rollingUpdate").put("partition", 2);
    assertThat(harness.update(scaled, stored).messages()).isEmpty();
    ObjectNode renamed = stored.deepCopy();
    renamed.withObject("/spec").put("serviceName", "db-headless");
    assertThat(harness.update(renamed, stored).messages()).containsExactly("spec: Forbidden: " + StatefulSetStrategy.FORBIDDEN_UPDATE);
  }

  @Test
  void printsReadyOfDesired() {
    ObjectNode s = harness.create(statefulSet(VALID_SPEC)).stored();
    s.withObject("/spec").put("replicas", 3);
    s.set("status", json("{\"replicas\":3,\"readyReplicas\":2}"));
    assertThat(harness.columnNames()).containsExactly("Ready", "Age", "Containers*", "Images*");
    assertThat(harness.cells(s)).containsExactly("2/3", "<unknown>", "db", "postgres:16");
  }
}
