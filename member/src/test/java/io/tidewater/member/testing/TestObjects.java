package io.tidewater.member.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.util.Map;

/** Nodes and pods as a kubelet and a scheduler would write them, for member clusters in tests. */
public final class TestObjects {
  private TestObjects() {}

  public static ObjectNode node(String name, String cpu, String memory, int pods, Map<String, String> labels, boolean ready) {
    ObjectNode n = Json.object();
    n.put("apiVersion", "v1");
    n.put("kind", "Node");
    ObjectNode meta = n.putObject("metadata");
    meta.put("name", name);
    ObjectNode l = meta.putObject("labels");
    l.put("kubernetes.io/hostname", name);
    labels.forEach(l::put);
    n.putObject("spec");
    ObjectNode status = n.putObject("status");
    ObjectNode capacity = status.putObject("capacity");
    capacity.put("cpu", cpu);
    capacity.put("memory", memory);
    capacity.put("pods", Integer.toString(pods));
    status.set("allocatable", capacity.deepCopy());
    ObjectNode cond = status.putArray("conditions").addObject();
    cond.put("type", "Ready");
    cond.put("status", ready ? "True" : "False");
    cond.put("reason", ready ? "KubeletReady" : "KubeletNotReady");
    status.putObject("nodeInfo").put("kubeletVersion", "v1.32.0");
    return n;
  }

  /** A node with {@code gpus} GPUs of a model, labelled as NVIDIA's feature discovery labels it. */
  public static ObjectNode gpuNode(String name, String cpu, String memory, int pods, int gpus, String model) {
    ObjectNode n = node(name, cpu, memory, pods, Map.of("nvidia.com/gpu.product", model), true);
    ((ObjectNode) n.get("status").get("capacity")).put("nvidia.com/gpu", Integer.toString(gpus));
    ((ObjectNode) n.get("status").get("allocatable")).put("nvidia.com/gpu", Integer.toString(gpus));
    return n;
  }

  /** A pod with one container requesting {@code cpu} and {@code memory}; unbound when {@code nodeName} is null. */
  public static ObjectNode pod(String namespace, String name, String nodeName, String cpu, String memory) {
    ObjectNode p = Json.object();
    p.put("apiVersion", "v1");
    p.put("kind", "Pod");
    ObjectNode meta = p.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.putObject("labels").put("app", name.replaceAll("-[0-9]+$", ""));
    ObjectNode spec = p.putObject("spec");
    if (nodeName != null) {
      spec.put("nodeName", nodeName);
    }
    ArrayNode containers = spec.putArray("containers");
    ObjectNode c = containers.addObject();
    c.put("name", "main");
    c.put("image", "registry.example/app:1");
    ObjectNode req = c.putObject("resources").putObject("requests");
    if (cpu != null) {
      req.put("cpu", cpu);
    }
    if (memory != null) {
      req.put("memory", memory);
    }
    return p;
  }

  public static ObjectNode withGpus(ObjectNode pod, int gpus) {
    ObjectNode c = (ObjectNode) pod.get("spec").get("containers").get(0);
    ((ObjectNode) c.get("resources").get("requests")).put("nvidia.com/gpu", Integer.toString(gpus));
    ((ObjectNode) c.get("resources")).putObject("limits").put("nvidia.com/gpu", Integer.toString(gpus));
    return pod;
  }
}
