package io.tidewater.simulator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.NodeTaint;
import io.tidewater.simulator.ScoringStrategy;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.nodes.NodeTemplate;
import io.tidewater.simulator.testing.ClusterFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filters and scores of the node scheduler on hand-made nodes, and Kubernetes' failure message. */
class NodeFitTest {
  private final Map<String, NodeAllocations.Usage> usage = new HashMap<>();

  private static List<NodeRecord> pool(NodePoolSpec spec, int poolIndex) {
    NodeTemplate t = new NodeTemplate("c", spec, poolIndex, "v1.32.4", "r1", "z1");
    List<NodeRecord> out = new ArrayList<>();
    for (int i = 0; i < spec.count(); i++) {
      out.add(new NodeRecord(t.nodeName(i), t, i, poolIndex, i, 0, 1, false, false, 0, null, null));
    }
    return out;
  }

  private NodeFit.Result place(String podYaml, List<NodeRecord> nodes) {
    return place(podYaml, nodes, ScoringStrategy.LEAST_ALLOCATED);
  }

  private NodeFit.Result place(String podYaml, List<NodeRecord> nodes, ScoringStrategy scoring) {
    ObjectNode pod = ClusterFixture.yaml(podYaml);
    return NodeFit.place(new PodNeeds(pod), nodes, n -> usage.getOrDefault(n, new NodeAllocations.Usage()), scoring);
  }

  private static String pod(String spec) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n" + spec.indent(2);
  }

  private static final String BIG = pod("containers: [{name: a, image: x, resources: {requests: {cpu: '12'}}}]");

  @Test
  void reportsEveryNodesFirstFailingFilterAsKubernetesDoes() {
    List<NodeRecord> nodes = new ArrayList<>(pool(NodePoolSpec.of("small", 2, "8", "32Gi"), 0));
    nodes.addAll(pool(NodePoolSpec.of("gpu", 1, "64", "256Gi").withTaints(List.of(NodeTaint.noSchedule("dedicated", "gpu"))), 1));
    NodeRecord cordoned = pool(NodePoolSpec.of("big", 1, "64", "256Gi"), 2).get(0);
    nodes.add(new NodeRecord(cordoned.name(), cordoned.template(), 0, 2, 0, 0, 1, true, false, 0, null, null));
    NodeRecord lost = pool(NodePoolSpec.of("far", 1, "64", "256Gi"), 3).get(0);
    nodes.add(new NodeRecord(lost.name(), lost.template(), 0, 3, 0, 0, 1, false, true, 0, null, null));

    NodeFit.Result r = place(BIG, nodes);

    assertThat(r.fits()).isFalse();
    assertThat(r.failure()).isEqualTo(
        "0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint"
            + " {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable, 2 Insufficient cpu.");
  }

  @Test
  void tolerationsSelectorsAndAffinityChooseTheNode() {
    List<NodeRecord> nodes = new ArrayList<>(pool(NodePoolSpec.of("general", 2, "8", "32Gi"), 0));
    nodes.addAll(pool(NodePoolSpec.of("gpu", 1, "64", "256Gi").withGpus(8, "nvidia-a100")
        .withTaints(List.of(NodeTaint.noSchedule("dedicated", "gpu"))).withLabels(Map.of("tier", "7")), 1));

    assertThat(place(pod("""
        containers: [{name: a, image: x, resources: {limits: {nvidia.com/gpu: '2'}}}]
        tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]
        """), nodes).node()).isEqualTo("c-gpu-0");
    assertThat(place(pod("containers: [{name: a, image: x, resources: {limits: {nvidia.com/gpu: '2'}}}]"), nodes).failure())
        .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient nvidia.com/gpu.");
    assertThat(place(pod("""
        containers: [{name: a, image: x}]
        nodeSelector: {kubernetes.io/hostname: c-general-1}
        """), nodes).node()).isEqualTo("c-general-1");
    assertThat(place(pod("""
        containers: [{name: a, image: x}]
        tolerations: [{operator: Exists}]
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions: [{key: tier, operator: Gt, values: ['5']}, {key: nvidia.com/gpu.product, operator: In, values: [nvidia-a100]}]
        """), nodes).node()).isEqualTo("c-gpu-0");
    assertThat(place(pod("""
        containers: [{name: a, image: x}]
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions: [{key: simulator.tidewater.io/node-pool, operator: NotIn, values: [general]}]
        """), nodes).failure())
        .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector.");
  }

  @Test
  void initContainersCountAsTheirMaximumAndPodsCountAgainstMaxPods() {
    List<NodeRecord> nodes = pool(NodePoolSpec.of("general", 1, "4", "8Gi").withMaxPods(2), 0);
    // 3 CPU of containers, 4 of the largest init container: needs 4 (fits); 5 would not.
    assertThat(place(pod("""
        initContainers: [{name: i, image: x, resources: {requests: {cpu: '4'}}}]
        containers: [{name: a, image: x, resources: {requests: {cpu: '1'}}}, {name: b, image: x, resources: {requests: {cpu: '2'}}}]
        """), nodes).fits()).isTrue();
    assertThat(place(pod("""
        initContainers: [{name: i, image: x, resources: {requests: {cpu: '5'}}}]
        containers: [{name: a, image: x, resources: {requests: {cpu: '1'}}}]
        """), nodes).failure()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    NodeAllocations.Usage full = new NodeAllocations.Usage();
    full.pods = 2;
    usage.put("c-general-0", full);
    assertThat(place(pod("containers: [{name: a, image: x}]"), nodes).failure()).isEqualTo("0/1 nodes are available: 1 Too many pods.");
  }

  @Test
  void leastAllocatedSpreadsAndMostAllocatedPacks() {
    List<NodeRecord> nodes = pool(NodePoolSpec.of("general", 3, "8", "32Gi"), 0);
    NodeAllocations.Usage busy = new NodeAllocations.Usage();
    busy.requested.put("cpu", 4000L);
    busy.nonZeroCpu = 4000;
    busy.nonZeroMemory = 1L << 30;
    busy.pods = 1;
    usage.put("c-general-1", busy);
    String small = pod("containers: [{name: a, image: x, resources: {requests: {cpu: '1', memory: 1Gi}}}]");
    assertThat(place(small, nodes, ScoringStrategy.LEAST_ALLOCATED).node()).isNotEqualTo("c-general-1");
    assertThat(place(small, nodes, ScoringStrategy.MOST_ALLOCATED).node()).isEqualTo("c-general-1");
  }

  @Test
  void anEmptyClusterHasNoNodes() {
    assertThat(place(BIG, List.of()).failure()).isEqualTo("no nodes available to schedule pods");
  }
}
