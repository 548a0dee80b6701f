package io.tidewater.simulator.usage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.simulator.nodes.ResourceNames;
import io.tidewater.simulator.pods.PodResources;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.workloads.OwnerReferences;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How much CPU and memory simulated pods use. A test or scenario sets a load per workload (a
 * Deployment, StatefulSet, ReplicaSet, or a bare pod, by name); a workload without one idles at a
 * tenth of its CPU request and half its memory request. Only running pods use anything; a total
 * load is split over the workload's ready pods, so adding replicas lowers each pod's share, which
 * is what an autoscaler reacts to.
 */
public final class UsageModel {
  /** What an idle container without requests uses. */
  private static final long IDLE_CPU_MILLIS = 1;
  private static final long IDLE_MEMORY = 16L * 1024 * 1024;

  /** A workload, by namespace and name. */
  public record Workload(String namespace, String name) {
    public Workload {
      Objects.requireNonNull(namespace);
      Objects.requireNonNull(name);
    }
  }

  private final Supplier<RegistryStorage> replicaSets;
  private final Map<Workload, WorkloadLoad> loads = new ConcurrentHashMap<>();

  public UsageModel(Supplier<RegistryStorage> replicaSets) {
    this.replicaSets = replicaSets;
  }

  public void setLoad(String namespace, String workload, WorkloadLoad load) {
    loads.put(new Workload(namespace, workload), Objects.requireNonNull(load));
  }

  public void clearLoad(String namespace, String workload) {
    loads.remove(new Workload(namespace, workload));
  }

  public Map<Workload, WorkloadLoad> loads() {
    return Map.copyOf(loads);
  }

  /** The workload a pod belongs to: its ReplicaSet's Deployment, its controller, or the pod itself. */
  public Workload workloadOf(ObjectNode pod) {
    String ns = ObjectMetas.namespace(pod);
    String rs = OwnerReferences.controllerName(pod, "ReplicaSet");
    if (rs != null) {
      CachedObject owner = replicaSets.get().cache().get(ns + "/" + rs);
      String deployment = owner == null ? null : OwnerReferences.controllerName(owner.object(), "Deployment");
      return new Workload(ns, deployment != null ? deployment : rs);
    }
    ObjectNode ref = Pods.controllerRef(pod);
    return new Workload(ns, ref != null ? ref.path("name").asText() : ObjectMetas.name(pod));
  }

  public static boolean isRunning(ObjectNode pod) {
    return "Running".equals(Pods.phase(pod)) && !Pods.isTerminal(pod);
  }

  /** Usage of every running pod among {@code pods}, keyed by pod key; ready pods share their workload's total load. */
  public Map<String, PodUsage> usage(List<ObjectNode> pods) {
    Map<Workload, Integer> readyPerWorkload = new HashMap<>();
    Map<String, Workload> workloadOf = new HashMap<>();
    for (ObjectNode p : pods) {
      if (isRunning(p)) {
        Workload w = workloadOf(p);
        workloadOf.put(Pods.key(p), w);
        if (Pods.isReady(p)) {
          readyPerWorkload.merge(w, 1, Integer::sum);
        }
      }
    }
    Map<String, PodUsage> out = new HashMap<>();
    for (ObjectNode p : pods) {
      Workload w = workloadOf.get(Pods.key(p));
      if (w != null) {
        out.put(Pods.key(p), usageOf(p, loads.get(w), readyPerWorkload.getOrDefault(w, 0)));
      }
    }
    return out;
  }

  private static PodUsage usageOf(ObjectNode pod, WorkloadLoad load, int readyPods) {
    Map<String, Long> requests = PodResources.requests(pod);
    long memRequest = requests.getOrDefault(ResourceNames.MEMORY, 0L);
    long idleMemory = memRequest > 0 ? memRequest / 2 : IDLE_MEMORY;
    if (load == null || !Pods.isReady(pod)) {
      long cpuRequest = requests.getOrDefault(ResourceNames.CPU, 0L);
      return new PodUsage(Math.max(IDLE_CPU_MILLIS, cpuRequest / 10), idleMemory);
    }
    double cores = load.total() ? (readyPods == 0 ? 0 : load.cpuCores() / readyPods) : load.cpuCores();
    long memory = load.memoryBytesPerPod() > 0 ? load.memoryBytesPerPod() : idleMemory;
    return new PodUsage(Math.round(cores * 1000), memory);
  }
}
