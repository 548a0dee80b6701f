package io.tidewater.simulator.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.simulator.nodes.NodeBook;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.nodes.NodeTemplate;
import io.tidewater.simulator.nodes.ResourceNames;
import io.tidewater.simulator.pods.Pods;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code nodemetrics}: one NodeMetrics per node whose kubelet is up: the usage of its running pods
 * plus what the node's system daemons use (a small share of its capacity).
 */
public final class NodeMetricsStorage extends MetricsStorage {
  private static final long SYSTEM_CPU_MILLIS = 100;
  private static final long SYSTEM_MEMORY = 512L * 1024 * 1024;

  private final Supplier<RegistryStorage> pods;
  private final NodeBook nodes;
  private final UsageModel usage;

  public NodeMetricsStorage(Supplier<RegistryStorage> pods, NodeBook nodes, UsageModel usage, Clock clock) {
    super(MetricsKinds.nodeMetrics(), clock);
    this.pods = pods;
    this.nodes = nodes;
    this.usage = usage;
  }

  @Override
  public CachedObject get(String namespace, String name, GetOptions options) {
    NodeRecord node = nodes.get(name);
    if (node == null || node.lost()) {
      throw notFound(name);
    }
    return cached(render(node, perNode().getOrDefault(name, PodUsage.NONE)));
  }

  @Override
  public ListResult list(String namespace, ListOptions options) {
    ObjectFilter filter = filter(null, options);
    Map<String, PodUsage> perNode = perNode();
    List<CachedObject> items = new ArrayList<>();
    for (NodeRecord node : nodes.snapshot()) {
      if (node.lost()) {
        continue; // metrics-server has nothing from a kubelet that is gone
      }
      CachedObject o = cached(render(node, perNode.getOrDefault(node.name(), PodUsage.NONE)));
      if (filter.matches(o)) {
        items.add(o);
      }
    }
    return new ListResult(items, nodes.revision(), null, null);
  }

  private Map<String, PodUsage> perNode() {
    List<ObjectNode> all = new ArrayList<>();
    for (CachedObject o : pods.get().list(null, ListOptions.everything().withResourceVersion0()).items()) {
      all.add(o.object());
    }
    Map<String, PodUsage> byPod = usage.usage(all);
    Map<String, PodUsage> byNode = new HashMap<>();
    for (ObjectNode p : all) {
      PodUsage u = byPod.get(Pods.key(p));
      if (u != null && Pods.isBound(p)) {
        byNode.merge(Pods.nodeName(p), u, PodUsage::plus);
      }
    }
    return byNode;
  }

  private ObjectNode render(NodeRecord node, PodUsage pods) {
    ObjectNode labelsFrom = Json.object();
    ObjectNode labels = labelsFrom.putObject("metadata").putObject("labels");
    node.profile().labels().forEach(labels::put);
    labels.put(NodeTemplate.HOSTNAME_LABEL, node.name());
    ObjectNode o = metricsObject(null, node.name(), labelsFrom);
    long cpuCapacity = node.profile().allocatable(ResourceNames.CPU);
    long cpu = Math.min(cpuCapacity, pods.cpuMillis() + SYSTEM_CPU_MILLIS);
    long memory = Math.min(node.profile().allocatable(ResourceNames.MEMORY), pods.memoryBytes() + SYSTEM_MEMORY);
    o.putObject("usage").put("cpu", cpu(cpu)).put("memory", memory(memory));
    return o;
  }
}
