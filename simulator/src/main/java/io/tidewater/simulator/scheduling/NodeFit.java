package io.tidewater.simulator.scheduling;

import io.tidewater.simulator.NodeTaint;
import io.tidewater.simulator.ScoringStrategy;
import io.tidewater.simulator.nodes.NodeProfile;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.nodes.NodeTemplate;
import io.tidewater.simulator.nodes.ResourceNames;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds the node for one pod, as kube-scheduler's default profile: filters in its order
 * (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit), the first failing filter
 * giving the node's reasons, then the NodeResourcesFit score (least- or most-allocated over CPU and
 * memory). Filters that depend only on a node's profile run once per profile (pool), not per node.
 */
final class NodeFit {
  static final String UNSCHEDULABLE = "node(s) were unschedulable";
  static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
  static final String NO_NODES = "no nodes available to schedule pods";
  private static final NodeTaint UNREACHABLE_NO_SCHEDULE = new NodeTaint("node.kubernetes.io/unreachable", "", "NoSchedule");
  private static final NodeTaint UNREACHABLE_NO_EXECUTE = new NodeTaint("node.kubernetes.io/unreachable", "", "NoExecute");

  /** The outcome: a node, or the reasons no node fits. */
  record Result(String node, String failure) {
    boolean fits() {
      return node != null;
    }
  }

  private NodeFit() {}

  static Result place(PodNeeds needs, List<NodeRecord> nodes, Function<String, NodeAllocations.Usage> usage, ScoringStrategy scoring) {
    if (nodes.isEmpty()) {
      return new Result(null, NO_NODES);
    }
    Map<NodeProfile, String> profileVerdicts = new IdentityHashMap<>();
    boolean nodeSpecific = needs.selection().isNodeSpecific();
    Map<String, Integer> reasons = new TreeMap<>();
    String best = null;
    double bestScore = -1;
    for (NodeRecord node : nodes) {
      if (node.isUnschedulable() && !Toleration.anyTolerates(needs.tolerations(), "node.kubernetes.io/unschedulable", "", "NoSchedule")) {
        reasons.merge(UNSCHEDULABLE, 1, Integer::sum);
        continue;
      }
      NodeProfile profile = node.profile();
      String verdict = nodeSpecific ? profileVerdict(needs, profile, node.name()) : profileVerdict(needs, profile, profileVerdicts);
      if (verdict == null && node.lost()) {
        verdict = untolerated(needs, List.of(UNREACHABLE_NO_SCHEDULE, UNREACHABLE_NO_EXECUTE));
      }
      if (verdict != null) {
        reasons.merge(verdict, 1, Integer::sum);
        continue;
      }
      NodeAllocations.Usage used = usage.apply(node.name());
      List<String> short_ = shortages(needs, profile, used);
      if (!short_.isEmpty()) {
        short_.forEach(r -> reasons.merge(r, 1, Integer::sum));
        continue;
      }
      double score = score(needs, profile, used, scoring);
      if (score > bestScore) {
        bestScore = score;
        best = node.name();
      }
    }
    if (best != null) {
      return new Result(best, null);
    }
    return new Result(null, message(nodes.size(), reasons));
  }

  private static String profileVerdict(PodNeeds needs, NodeProfile profile, Map<NodeProfile, String> cache) {
    if (cache.containsKey(profile)) {
      return cache.get(profile);
    }
    String v = profileVerdict(needs, profile, (String) null);
    cache.put(profile, v);
    return v;
  }

  /** The taint and affinity filters; null if the node passes them. */
  private static String profileVerdict(PodNeeds needs, NodeProfile profile, String nodeName) {
    String taint = untolerated(needs, profile.taints());
    if (taint != null) {
      return taint;
    }
    if (!needs.selection().isEmpty()) {
      Function<String, String> label = key -> key.equals(NodeTemplate.HOSTNAME_LABEL) ? nodeName : profile.labels().get(key);
      if (!needs.selection().matches(label, nodeName)) {
        return AFFINITY;
      }
    }
    return null;
  }

  private static String untolerated(PodNeeds needs, List<NodeTaint> taints) {
    for (NodeTaint t : taints) {
      if (t.effect().equals("PreferNoSchedule")) {
        continue;
      }
      if (!Toleration.anyTolerates(needs.tolerations(), t.key(), t.value(), t.effect())) {
        return "node(s) had untolerated taint {" + t.key() + ": " + t.value() + "}";
      }
    }
    return null;
  }

  private static List<String> shortages(PodNeeds needs, NodeProfile profile, NodeAllocations.Usage used) {
    List<String> out = new ArrayList<>(1);
    if (used.pods + 1 > profile.allocatable(ResourceNames.PODS)) {
      out.add("Too many pods");
    }
    for (Map.Entry<String, Long> r : needs.requests().entrySet()) {
      String name = r.getKey();
      if (name.equals(ResourceNames.PODS)) {
        continue;
      }
      if (used.requested(name) + r.getValue() > profile.allocatable(name)) {
        out.add("Insufficient " + name);
      }
    }
    return out;
  }

  private static double score(PodNeeds needs, NodeProfile profile, NodeAllocations.Usage used, ScoringStrategy scoring) {
    double cpu = fraction(used.nonZeroCpu + needs.nonZeroCpu(), profile.allocatable(ResourceNames.CPU));
    double mem = fraction(used.nonZeroMemory + needs.nonZeroMemory(), profile.allocatable(ResourceNames.MEMORY));
    double allocated = (cpu + mem) / 2;
    return scoring == ScoringStrategy.MOST_ALLOCATED ? allocated : 1 - allocated;
  }

  private static double fraction(long requested, long allocatable) {
    if (allocatable <= 0) {
      return 1;
    }
    return Math.min(1.0, (double) requested / allocatable);
  }

  /** Kubernetes' FitError text: "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) were unschedulable." */
  static String message(int nodeCount, Map<String, Integer> reasons) {
    List<String> parts = new ArrayList<>();
    reasons.forEach((reason, count) -> parts.add(count + " " + reason));
    parts.sort(null);
    return "0/" + nodeCount + " nodes are available: " + String.join(", ", parts) + ".";
  }
}
