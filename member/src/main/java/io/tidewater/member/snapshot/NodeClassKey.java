package io.tidewater.member.snapshot;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.tidewater.api.snapshot.NodeTaint;
import io.tidewater.api.snapshot.ResourceAmounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What makes two nodes interchangeable for scheduling: the identity of a node class. */
record NodeClassKey(
    Map<String, String> labels, List<NodeTaint> taints, ResourceAmounts allocatable, boolean ready, boolean unschedulable, String gpuType) {

  static NodeClassKey of(Node node, SnapshotOptions options) {
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> nodeLabels = node.getMetadata().getLabels();
    if (nodeLabels != null) {
      nodeLabels.forEach((k, v) -> {
        if (!options.perNodeLabels().contains(k)) {
          labels.put(k, v);
        }
      });
    }
    List<NodeTaint> taints = new ArrayList<>();
    boolean unschedulable = false;
    Map<String, io.fabric8.kubernetes.api.model.Quantity> allocatable = null;
    boolean ready = false;
    if (node.getSpec() != null) {
      unschedulable = Boolean.TRUE.equals(node.getSpec().getUnschedulable());
      if (node.getSpec().getTaints() != null) {
        for (Taint t : node.getSpec().getTaints()) {
          taints.add(new NodeTaint(t.getKey(), t.getValue(), t.getEffect()));
        }
      }
    }
    taints.sort(Comparator.comparing(NodeTaint::key).thenComparing(NodeTaint::effect).thenComparing(NodeTaint::value));
    if (node.getStatus() != null) {
      allocatable = node.getStatus().getAllocatable();
      if (allocatable == null || allocatable.isEmpty()) {
        allocatable = node.getStatus().getCapacity();
      }
      if (node.getStatus().getConditions() != null) {
        for (NodeCondition c : node.getStatus().getConditions()) {
          if ("Ready".equals(c.getType())) {
            ready = "True".equals(c.getStatus());
          }
        }
      }
    }
    String gpuType = null;
    ResourceAmounts alloc = ResourceAmounts.of(CanonicalQuantities.of(allocatable));
    if (alloc.get(ResourceAmounts.GPU) > 0) {
      gpuType = nodeLabels == null ? null : nodeLabels.get(options.gpuTypeLabel());
      if (gpuType == null || gpuType.isEmpty()) {
        gpuType = "unknown";
      }
    }
    return new NodeClassKey(Map.copyOf(labels), List.copyOf(taints), alloc, ready, unschedulable, gpuType);
  }

  boolean schedulable() {
    return ready && !unschedulable;
  }

  /** A stable short digest: the same class has the same id on every member and every restart. */
  String id() {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(labels).forEach((k, v) -> sb.append("l:").append(k).append('=').append(v).append('\n'));
    taints.forEach(t -> sb.append("t:").append(t.key()).append('=').append(t.value()).append(':').append(t.effect()).append('\n'));
    allocatable.amounts().forEach((k, v) -> sb.append("a:").append(k).append('=').append(v).append('\n'));
    sb.append("ready:").append(ready).append("\nunschedulable:").append(unschedulable);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
