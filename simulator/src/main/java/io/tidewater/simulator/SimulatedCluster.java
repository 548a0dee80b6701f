package io.tidewater.simulator;

import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.KubernetesVersion;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.faults.ClusterFaults;
import io.tidewater.simulator.kubelet.Kubelet;
import io.tidewater.simulator.kubelet.NodeLifecycleController;
import io.tidewater.simulator.scheduling.NodeScheduler;
import io.tidewater.simulator.storage.MemberStorages;
import io.tidewater.simulator.workloads.DeploymentController;
import io.tidewater.simulator.workloads.ReplicaSetController;
import io.tidewater.simulator.workloads.StatefulSetController;
import io.tidewater.simulator.nodes.NodeBook;
import io.tidewater.simulator.nodes.NodePools;
import io.tidewater.simulator.nodes.NodeStorage;
import io.tidewater.store.embedded.EmbeddedStore;
import io.tidewater.apiserver.discovery.DiscoveryDocuments;
import io.tidewater.simulator.logs.PodsWithLogs;
import io.tidewater.simulator.usage.MetricsKinds;
import io.tidewater.simulator.usage.NodeMetricsStorage;
import io.tidewater.simulator.usage.PodMetricsStorage;
import io.tidewater.simulator.usage.UsageModel;
import io.tidewater.simulator.usage.WorkloadLoad;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated member cluster: Kubernetes without kubelets. Its API is Tidewater's own API server
 * in the single-cluster profile, on an in-memory store, with nodes rendered from node pools; in
 * process run what a cluster's control plane and kubelets would do: the node scheduler, the
 * workload controllers, the pods' lifecycle, the node lifecycle, a usage model for metrics, and
 * fault injection. It knows nothing of federation.
 *
 * <p>It has no listener of its own: a {@link Fleet} serves its {@link #handler()} under a path.
 */
public final class SimulatedCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatedCluster.class);
  static final GroupVersionResource NODES = new GroupVersionResource("", "v1", "nodes");
  /** Members keep a shorter watch history than the federation: their churn is pods, and memory matters at 100 members. */
  private static final int WATCH_HISTORY = 2_000;

  private final String name;
  private final EmbeddedStore store;
  private final ApiServer api;
  private final NodeStorage nodes;
  private final NodePools pools;
  private final ClusterFaults faults;
  private final RegistryStorage pods;
  private final UsageModel usage;
  private final List<AutoCloseable> controllers = new ArrayList<>();
  private volatile SimulatedClusterSpec spec;
  private volatile boolean closed;

  private SimulatedCluster(
      String name, SimulatedClusterSpec spec, EmbeddedStore store, ApiServer api, NodeStorage nodes, RegistryStorage pods, UsageModel usage,
      Clock clock) {
    this.name = name;
    this.pods = pods;
    this.usage = usage;
    this.spec = spec;
    this.store = store;
    this.api = api;
    this.nodes = nodes;
    this.pools = new NodePools(name, nodes.book(), clock);
    this.faults = new ClusterFaults(name, pools);
  }

  /**
   * Starts a member: its API server (embedded, not listening), its nodes and its controllers.
   *
   * @param tokens bearer token to user name, for the member's API
   */
  public static SimulatedCluster start(String name, SimulatedClusterSpec spec, Map<String, String> tokens, Clock clock) throws Exception {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
    EmbeddedStore store = EmbeddedStore.inMemory();
    ApiServer.Builder builder = ApiProfiles.memberCluster(store)
        .name("member-" + name)
        .embedded()
        .tokens(tokens)
        .version(version(spec.kubernetesVersion()))
        .watchHistory(WATCH_HISTORY)
        .clock(clock);
    ResourceType nodeType = builder.registry().find(NODES.group(), NODES.version(), NODES.resource()).orElseThrow();
    NodeStorage nodes = new NodeStorage(nodeType, clock);
    builder.storage(NODES, nodes);
    // The pods' registry storage exists only once the server is built: the pieces that read pods get it from here.
    AtomicReference<RegistryStorage> pods = new AtomicReference<>();
    AtomicReference<ApiServer> server = new AtomicReference<>();
    AtomicReference<SimulatedCluster> self = new AtomicReference<>();
    builder.decorate(MemberStorages.PODS, registry -> {
      pods.set(registry);
      return new PodsWithLogs(registry, image -> self.get() != null && self.get().spec().isFailingImage(image), clock,
          () -> self.get() != null && !self.get().closed);
    });
    builder.subresource(new DiscoveryDocuments.ExtraSubresource("", "v1", "pods", "log", "Pod", "", "v1", List.of("get")));
    UsageModel usage = new UsageModel(() -> (RegistryStorage) server.get().storage(MemberStorages.REPLICA_SETS));
    builder.registry().register(MetricsKinds.podMetrics());
    builder.registry().register(MetricsKinds.nodeMetrics());
    builder.storage(MetricsKinds.PODS, new PodMetricsStorage(pods::get, usage, clock));
    builder.storage(MetricsKinds.NODES, new NodeMetricsStorage(pods::get, nodes.book(), usage, clock));
    ApiServer api;
    try {
      api = builder.start();
    } catch (Exception e) {
      store.close();
      throw e;
    }
    server.set(api);
    SimulatedCluster cluster = new SimulatedCluster(name, spec, store, api, nodes, pods.get(), usage, clock);
    self.set(cluster);
    try {
      cluster.pools.apply(spec);
      cluster.startControllers(clock);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    log.info("simulated cluster started cluster={} nodes={} pools={}", name, nodes.book().size(), spec.nodePools().size());
    return cluster;
  }

  /** What a cluster's control plane and kubelets would run, in the order they depend on each other. */
  private void startControllers(Clock clock) {
    MemberStorages storages = new MemberStorages(api, pods);
    EventRecorder events = own(new EventRecorder(name, storages.events(), clock).start());
    own(new NodeScheduler(name, storages.pods(), nodes.book(), () -> spec.scoring(), events, clock).start());
    own(new Kubelet(name, storages.pods(), nodes.book(), this::spec, events, clock).start());
    own(new NodeLifecycleController(name, storages.pods(), nodes.book(), this::spec, events, clock).start());
    own(new ReplicaSetController(name, storages, events, clock).start());
    own(new DeploymentController(name, storages, events, clock).start());
    own(new StatefulSetController(name, storages, events, clock).start());
  }

  private <T extends AutoCloseable> T own(T controller) {
    controllers.add(controller);
    return controller;
  }

  static KubernetesVersion version(String v) {
    String[] parts = v.substring(1).split("\\.");
    return new KubernetesVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  public String name() {
    return name;
  }

  public SimulatedClusterSpec spec() {
    return spec;
  }

  /**
   * Applies a new spec: pools grow, shrink, appear and go; timings, scoring, failing images and
   * the eviction delay apply from now on. The reported Kubernetes version is fixed at start.
   */
  public synchronized void update(SimulatedClusterSpec next) {
    Objects.requireNonNull(next, "spec");
    this.spec = next;
    pools.apply(next);
  }

  /** The member's API server (for in-process access to its storages). */
  public ApiServer api() {
    return api;
  }

  /** The root of the member's HTTP API, for a host to serve under a path. */
  public Handler handler() {
    return api.handler();
  }

  public NodeBook nodes() {
    return nodes.book();
  }

  public ClusterFaults faults() {
    return faults;
  }

  /** The usage model behind this member's metrics.k8s.io API. */
  public UsageModel usage() {
    return usage;
  }

  /** Makes each ready pod of a workload (a Deployment, StatefulSet, ReplicaSet or bare pod, by name) use this much CPU. */
  public void setLoad(String namespace, String workload, double cpuCoresPerPod) {
    usage.setLoad(namespace, workload, WorkloadLoad.perPod(cpuCoresPerPod));
  }

  /** Spreads this much CPU over a workload's ready pods. */
  public void setTotalLoad(String namespace, String workload, double totalCpuCores) {
    usage.setLoad(namespace, workload, WorkloadLoad.totalCpu(totalCpuCores));
  }

  @Override
  public void close() {
    closed = true;
    for (int i = controllers.size() - 1; i >= 0; i--) {
      try {
        controllers.get(i).close();
      } catch (Exception e) {
        log.warn("controller close failed cluster={} error={}", name, e.toString());
      }
    }
    nodes.close();
    api.close();
    store.close();
    log.info("simulated cluster stopped cluster={}", name);
  }
}
