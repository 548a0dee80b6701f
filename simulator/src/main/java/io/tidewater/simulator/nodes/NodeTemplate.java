package io.tidewater.simulator.nodes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.NodeTaint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the Node objects of one pool. Everything the nodes of a pool share is built once, into a
 * skeleton; a node adds only its name, identity, address and state. This is what lets a cluster
 * hold thousands of nodes in a few hundred bytes each: nodes are rendered when read, never stored.
 */
public final class NodeTemplate {
  public static final String POOL_LABEL = "simulator.tidewater.io/node-pool";
  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
  static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
  static final String GPU_COUNT_LABEL = "nvidia.com/gpu.count";
  static final String EPHEMERAL_STORAGE = "200Gi";

  private final String clusterName;
  private final NodePoolSpec pool;
  private final int poolIndex;
  private final NodeProfile profile;
  private final ObjectNode skeleton;

  public NodeTemplate(String clusterName, NodePoolSpec pool, int poolIndex, String kubernetesVersion, String region, String zone) {
    this.clusterName = clusterName;
    this.pool = pool;
    this.poolIndex = poolIndex;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/os", "linux");
    labels.put("node.kubernetes.io/instance-type", instanceType(pool));
    labels.put(POOL_LABEL, pool.name());
    if (region != null && !region.isEmpty()) {
      labels.put("topology.kubernetes.io/region", region);
    }
    if (zone != null && !zone.isEmpty()) {
      labels.put("topology.kubernetes.io/zone", zone);
    }
    if (pool.gpus() > 0) {
      labels.put(GPU_COUNT_LABEL, Integer.toString(pool.gpus()));
      if (pool.gpuType() != null && !pool.gpuType().isEmpty()) {
        labels.put(GPU_PRODUCT_LABEL, pool.gpuType());
      }
    }
    labels.putAll(pool.labels());
    Map<String, Long> allocatable = new LinkedHashMap<>();
    allocatable.put(ResourceNames.CPU, ResourceNames.amount(ResourceNames.CPU, pool.cpu()));
    allocatable.put(ResourceNames.EPHEMERAL_STORAGE, ResourceNames.amount(ResourceNames.EPHEMERAL_STORAGE, EPHEMERAL_STORAGE));
    allocatable.put(ResourceNames.MEMORY, ResourceNames.amount(ResourceNames.MEMORY, pool.memory()));
    if (pool.gpus() > 0) {
      allocatable.put(ResourceNames.GPU, (long) pool.gpus());
    }
    allocatable.put(ResourceNames.PODS, (long) pool.maxPods());
    this.profile = new NodeProfile(labels, pool.taints(), allocatable);
    this.skeleton = skeleton(labels, allocatable, kubernetesVersion);
  }

  private static String instanceType(NodePoolSpec pool) {
    return "sim." + pool.cpu().toLowerCase() + "c" + (pool.gpus() > 0 ? "." + pool.gpus() + "g" : "");
  }

  private ObjectNode skeleton(Map<String, String> labels, Map<String, Long> allocatable, String kubernetesVersion) {
    ObjectNode node = Json.object();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    ObjectNode meta = node.putObject("metadata");
    ObjectNode l = meta.putObject("labels");
    labels.forEach(l::put);
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("node.alpha.kubernetes.io/ttl", "0");
    annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
    ObjectNode spec = node.putObject("spec");
    if (!pool.taints().isEmpty()) {
      ArrayNode taints = spec.putArray("taints");
      for (NodeTaint t : pool.taints()) {
        ObjectNode o = taints.addObject();
        o.put("key", t.key());
        if (!t.value().isEmpty()) {
          o.put("value", t.value());
        }
        o.put("effect", t.effect());
      }
    }
    ObjectNode status = node.putObject("status");
    ObjectNode capacity = status.putObject("capacity");
    allocatable.forEach((k, v) -> capacity.put(k, ResourceNames.quantity(k, v)));
    status.set("allocatable", capacity.deepCopy());
    status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    ObjectNode info = status.putObject("nodeInfo");
    info.put("architecture", "amd64");
    info.put("containerRuntimeVersion", "containerd://1.7.22");
    info.put("kernelVersion", "6.8.0-1021-tidewater");
    info.put("kubeProxyVersion", kubernetesVersion);
    info.put("kubeletVersion", kubernetesVersion);
    info.put("operatingSystem", "linux");
    info.put("osImage", "Ubuntu 24.04.1 LTS");
    return node;
  }

  public NodePoolSpec pool() {
    return pool;
  }

  public NodeProfile profile() {
    return profile;
  }

  public String nodeName(int ordinal) {
    return clusterName + "-" + pool.name() + "-" + ordinal;
  }

  /** A unique address per node of the cluster: 10.&lt;pool&gt;.&lt;hi&gt;.&lt;lo&gt; from the ordinal. */
  public String internalIp(int ordinal) {
    int n = ordinal + 1;
    return "10." + (poolIndex % 64) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  /** The node as an API object, before the state overlay (conditions and derived taints). */
  ObjectNode render(NodeRecord record) {
    ObjectNode node = skeleton.deepCopy();
    ObjectNode meta = (ObjectNode) node.get("metadata");
    meta.put("name", record.name());
    meta.put("uid", record.uid());
    meta.put("creationTimestamp", NodeStatusOverlay.time(record.createdSecond()));
    ((ObjectNode) meta.get("labels")).put(HOSTNAME_LABEL, record.name());
    ObjectNode spec = (ObjectNode) node.get("spec");
    spec.put("providerID", "tidewater://" + clusterName + "/" + record.name());
    if (record.unschedulable()) {
      spec.put("unschedulable", true);
    }
    ObjectNode status = (ObjectNode) node.get("status");
    ArrayNode addresses = status.putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", internalIp(record.ordinal()));
    addresses.addObject().put("type", "Hostname").put("address", record.name());
    ObjectNode info = (ObjectNode) status.get("nodeInfo");
    String hex = record.uid().replace("-", "");
    info.put("machineID", hex);
    info.put("systemUUID", record.uid());
    info.put("bootID", new StringBuilder(record.uid()).reverse().toString());
    return node;
  }
}
