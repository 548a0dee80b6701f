package io.tidewater.apiserver.builtin.core;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import org.junit.jupiter.api.Test;

class NodeStrategyTest {
  private final NodeStrategy strategy = new NodeStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode node() {
    return json(
        """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"infra"}},
         "spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]},
         "status":{"capacity":{"cpu":"64","memory":"256Gi","pods":"110"},
           "conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
           "addresses":[{"type":"InternalIP","address":"10.0.0.7"},{"type":"Hostname","address":"node-1"}],
           "nodeInfo":{"kubeletVersion":"v1.32.4","osImage":"Ubuntu 24.04 LTS","kernelVersion":"6.8.0","containerRuntimeVersion":"containerd://2.0.0"}}}
        """);
  }

  @Test
  void allocatableDefaultsToCapacity() {
    ObjectNode out = harness.defaulted(node());
    assertThat(out.at("/status/allocatable")).isEqualTo(json("{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"110\"}"));
  }

  @Test
  void printsStatusRolesAndSystemInfo() {
    assertThat(harness.columnNames())
        .containsExactly("Status", "Roles", "Age", "Version", "Internal-IP*", "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*");
    assertThat(harness.cells(node()))
        .containsExactly(
            "Ready", "control-plane,infra", "<unknown>", "v1.32.4", "10.0.0.7", "<none>", "Ubuntu 24.04 LTS", "6.8.0", "containerd://2.0.0");
    ObjectNode cordoned = node();
    cordoned.withObject("/spec").put("unschedulable", true);
    cordoned.withObject("/status/conditions/1").put("status", "Unknown");
    assertThat(harness.cell(cordoned, "Status")).isEqualTo("NotReady,SchedulingDisabled");
    assertThat(strategy.selectableFields().get("spec.unschedulable").apply(cordoned)).isEqualTo("true");
    ObjectNode fresh = json("{\"metadata\":{\"name\":\"n\"}}");
    assertThat(harness.cells(fresh)).containsExactly("Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
  }

  @Test
  void taintsNeedAKnownEffectAndAreUniquePerKeyAndEffect() {
    ObjectNode bad = node();
    var taints = bad.withObject("/spec").withArray("taints");
    taints.addObject().put("key", "dedicated").put("value", "other").put("effect", "NoSchedule");
    taints.addObject().put("key", "spot").put("effect", "Sometimes");
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.taints[1]: Duplicate value: {\"key\":\"dedicated\",\"value\":\"other\",\"effect\":\"NoSchedule\"}: taints must be unique by key"
                + " and effect pair",
            "spec.taints[2].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
  }
}
