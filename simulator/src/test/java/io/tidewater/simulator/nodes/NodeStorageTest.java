package io.tidewater.simulator.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.FieldSelector;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WatchStream;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.testing.ClusterFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nodes served from pool templates behave as stored nodes do: pages, selectors, watches that resume, edits. */
class NodeStorageTest {
  static ClusterFixture cluster;
  static ResourceStorage nodes;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start("ns", SimulatedClusterSpec.of(
        NodePoolSpec.of("a", 5, "8", "32Gi"), NodePoolSpec.of("b", 2, "16", "64Gi").withLabels(Map.of("disk", "ssd"))));
    nodes = cluster.cluster().api().storage(new io.tidewater.api.meta.GroupVersionResource("", "v1", "nodes"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static ListOptions options(String labels, String fields, long limit, String cont) {
    return new ListOptions(LabelSelector.parse(labels), FieldSelector.parse(fields), "", "", limit, cont, false, null, null);
  }

  @Test
  void listsPageBySelectorsAndInNameOrder() {
    List<String> names = new ArrayList<>();
    String cont = null;
    do {
      ListResult page = nodes.list(null, options("", "", 3, cont));
      page.items().forEach(o -> names.add(o.name()));
      cont = page.continueToken();
    } while (cont != null);
    assertThat(names).containsExactly("ns-a-0", "ns-a-1", "ns-a-2", "ns-a-3", "ns-a-4", "ns-b-0", "ns-b-1");
    assertThat(nodes.list(null, options("disk=ssd", "", 0, null)).items()).extracting(o -> o.name()).containsExactly("ns-b-0", "ns-b-1");
    assertThat(nodes.list(null, options("kubernetes.io/hostname=ns-a-3", "", 0, null)).items()).extracting(o -> o.name()).containsExactly("ns-a-3");
    assertThat(nodes.list(null, options("", "metadata.name=ns-b-1", 0, null)).items()).hasSize(1);
    assertThatThrownBy(() -> nodes.list(null, options("", "spec.podCIDR=x", 0, null))).isInstanceOf(ApiException.class);
  }

  @Test
  void aCordonStaysCompactAndAnEditKeepsTheNodesJson() {
    nodes.update(null, "ns-a-1", n -> {
      ((ObjectNode) n.get("spec")).put("unschedulable", true);
      return n;
    }, WriteOptions.of("kubectl"));
    NodeRecord cordoned = cluster.cluster().nodes().get("ns-a-1");
    assertThat(cordoned.isOverridden()).isFalse();
    assertThat(cordoned.isUnschedulable()).isTrue();
    ObjectNode rendered = nodes.get(null, "ns-a-1", GetOptions.LATEST).object();
    assertThat(rendered.path("spec").path("taints").findValuesAsText("key")).containsExactly("node.kubernetes.io/unschedulable");

    nodes.update(null, "ns-a-2", n -> {
      ObjectMetas.setLabel(n, "team", "search");
      return n;
    }, WriteOptions.of("kubectl"));
    NodeRecord labelled = cluster.cluster().nodes().get("ns-a-2");
    assertThat(labelled.isOverridden()).isTrue();
    assertThat(labelled.profile().labels()).containsEntry("team", "search").containsEntry("simulator.tidewater.io/node-pool", "a");
    assertThat(ObjectMetas.uid(nodes.get(null, "ns-a-2", GetOptions.LATEST).object())).isEqualTo(labelled.uid());

    assertThatThrownBy(() -> nodes.update(null, "ns-a-2", n -> {
      ObjectMetas.setResourceVersion(n, "1");
      return n;
    }, WriteOptions.of("kubectl"))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
  }

  @Test
  void watchesResumeFromAResourceVersionAndFollowPoolChanges() throws Exception {
    ListResult before = nodes.list(null, ListOptions.everything());
    cluster.cluster().update(cluster.cluster().spec().withPools(List.of(NodePoolSpec.of("a", 5, "8", "32Gi"),
        NodePoolSpec.of("b", 3, "16", "64Gi").withLabels(Map.of("disk", "ssd")))));
    cluster.cluster().faults().loseNodes("a", 1);
    ListOptions from = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, Long.toString(before.resourceVersion()), "", 0, null, false, null, null);
    List<String> seen = new ArrayList<>();
    try (WatchStream w = nodes.watch(null, from)) {
      for (WatchItem i : w.initial()) {
        seen.add(i.type() + " " + i.object().name());
      }
      WatchItem item;
      while ((item = w.poll(500)) != null) {
        seen.add(item.type() + " " + item.object().name());
      }
    }
    assertThat(seen).containsExactly("ADDED ns-b-2", "MODIFIED ns-a-0");
    try (WatchStream w = nodes.watch(null, options("disk=ssd", "", 0, null))) {
      assertThat(w.initial()).extracting(i -> i.object().name()).containsExactly("ns-b-0", "ns-b-1", "ns-b-2");
      assertThat(w.initial()).allSatisfy(i -> assertThat(i.type()).isEqualTo(EventType.ADDED));
    }
    cluster.cluster().faults().recoverNodes("a");
  }
}
