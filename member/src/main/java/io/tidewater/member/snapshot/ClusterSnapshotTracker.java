package io.tidewater.member.snapshot;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.tidewater.api.snapshot.ClusterSnapshot;
import io.tidewater.api.snapshot.ClusterTotals;
import io.tidewater.api.snapshot.GpuCapacity;
import io.tidewater.api.snapshot.NodeClass;
import io.tidewater.api.snapshot.ResourceAmounts;
import io.tidewater.member.informer.MemberEvent;
import io.tidewater.member.informer.MemberEventListener;
import io.tidewater.member.informer.MemberInformer;
import io.tidewater.member.informer.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps a member's {@link ClusterSnapshot} up to date from its node and pod informers. Each event
 * changes only the node and class it touches (O(number of resources), never a rescan); {@link
 * #snapshot()} assembles the plain-data record from the per-class aggregates (O(classes)).
 *
 * <p>All state is owned by this tracker and guarded by its monitor: the node and pod
 * subscriptions deliver on two threads.
 */
public final class ClusterSnapshotTracker implements AutoCloseable {
  private final String cluster;
  private final MemberInformer<Node> nodeInformer;
  private final MemberInformer<Pod> podInformer;
  private final SnapshotOptions options;
  private final Clock clock;

  /** Nodes by name; an entry without a key is a node not seen (yet) that pods are bound to. */
  private final Map<String, NodeEntry> nodes = new HashMap<>();
  private final Map<NodeClassKey, NodeClassState> classes = new HashMap<>();
  /** Non-terminal pods by namespace/name, with what they take and where. */
  private final Map<String, PodUsage> pods = new HashMap<>();
  private final Map<String, Long> allocating = new TreeMap<>();
  private int boundPods;
  private int pendingPods;
  private long generation;
  private Subscription<Node> nodeSubscription;
  private Subscription<Pod> podSubscription;

  private static final class NodeEntry {
    NodeClassKey key;
    ResourceAmounts requested = ResourceAmounts.NONE;
    int pods;
  }

  private record PodUsage(String nodeName, ResourceAmounts requests) {}

  public ClusterSnapshotTracker(
      String cluster, MemberInformer<Node> nodeInformer, MemberInformer<Pod> podInformer, SnapshotOptions options, Clock clock) {
    this.cluster = cluster;
    this.nodeInformer = nodeInformer;
    this.podInformer = podInformer;
    this.options = options;
    this.clock = clock;
  }

  public synchronized ClusterSnapshotTracker start() {
    if (nodeSubscription == null) {
      nodeSubscription = nodeInformer.subscribe("snapshot", listener(this::onNode));
      podSubscription = podInformer.subscribe("snapshot", listener(this::onPod));
    }
    return this;
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> MemberEventListener<T> listener(
      java.util.function.Consumer<MemberEvent<T>> handler) {
    return handler::accept;
  }

  /** Whether the snapshot reflects the complete synced state of both informers. */
  public boolean hasSynced() {
    Subscription<Node> n;
    Subscription<Pod> p;
    synchronized (this) {
      n = nodeSubscription;
      p = podSubscription;
    }
    return n != null && p != null && n.hasSynced() && p.hasSynced();
  }

  // ---------------------------------------------------------------- events

  synchronized void onNode(MemberEvent<Node> event) {
    String name = event.object().getMetadata().getName();
    NodeEntry entry = nodes.computeIfAbsent(name, n -> new NodeEntry());
    NodeClassKey key = event.type() == MemberEvent.Type.DELETED ? null : NodeClassKey.of(event.object(), options);
    if (Objects.equals(key, entry.key)) {
      return; // a heartbeat or other change that leaves the class as it was
    }
    if (entry.key != null) {
      NodeClassState old = classes.get(entry.key);
      old.removeNode(entry.requested);
      if (old.nodes == 0) {
        classes.remove(entry.key);
      }
    }
    entry.key = key;
    if (key != null) {
      classes.computeIfAbsent(key, NodeClassState::new).addNode(entry.requested);
    } else if (entry.pods == 0) {
      nodes.remove(name);
    }
    generation++;
  }

  synchronized void onPod(MemberEvent<Pod> event) {
    Pod pod = event.object();
    String podKey = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    PodUsage next = event.type() == MemberEvent.Type.DELETED ? null : usage(pod);
    PodUsage prev = pods.get(podKey);
    if (Objects.equals(prev, next)) {
      return;
    }
    if (prev != null) {
      account(prev, -1);
      pods.remove(podKey);
    }
    if (next != null) {
      account(next, 1);
      pods.put(podKey, next);
    }
    generation++;
  }

  /** What a pod takes, or null if it takes nothing (it has finished). */
  private static PodUsage usage(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return null;
    }
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return new PodUsage(nodeName == null || nodeName.isEmpty() ? null : nodeName, PodRequests.of(pod));
  }

  private void account(PodUsage usage, int sign) {
    if (usage.nodeName() == null) {
      usage.requests().amounts().forEach((k, v) -> allocating.merge(k, sign * v, (a, b) -> a + b == 0 ? null : a + b));
      pendingPods += sign;
      return;
    }
    boundPods += sign;
    NodeEntry entry = nodes.computeIfAbsent(usage.nodeName(), n -> new NodeEntry());
    ResourceAmounts before = entry.requested;
    entry.requested = sign > 0 ? before.plus(usage.requests()) : before.minus(usage.requests());
    entry.pods += sign;
    if (entry.key != null) {
      classes.get(entry.key).changeNode(before, entry.requested);
    } else if (entry.pods == 0) {
      nodes.remove(usage.nodeName());
    }
  }

  // ---------------------------------------------------------------- reads

  public synchronized ClusterSnapshot snapshot() {
    List<NodeClass> out = new ArrayList<>(classes.size());
    ResourceAmounts allocatable = ResourceAmounts.NONE;
    ResourceAmounts requested = ResourceAmounts.NONE;
    int nodeCount = 0;
    int readyNodes = 0;
    Map<String, long[]> gpus = new TreeMap<>();
    for (NodeClassState state : classes.values()) {
      NodeClass c = state.toRecord();
      out.add(c);
      nodeCount += c.nodes();
      if (!c.ready()) {
        continue;
      }
      readyNodes += c.nodes();
      allocatable = allocatable.plus(c.allocatable().times(c.nodes()));
      requested = requested.plus(c.requested());
      if (c.gpuType() != null) {
        long[] g = gpus.computeIfAbsent(c.gpuType(), t -> new long[2]);
        g[0] += c.allocatable().get(ResourceAmounts.GPU) * c.nodes();
        g[1] += c.requested().get(ResourceAmounts.GPU);
      }
    }
    out.sort(Comparator.comparing(NodeClass::id));
    List<GpuCapacity> gpuList = new ArrayList<>();
    gpus.forEach((type, g) -> gpuList.add(new GpuCapacity(type, g[0], g[1])));
    ClusterTotals totals = new ClusterTotals(
        allocatable, requested, allocatable.minus(requested), ResourceAmounts.of(allocating), nodeCount, readyNodes, boundPods, pendingPods);
    return new ClusterSnapshot(cluster, hasSyncedUnlocked(), generation, clock.instant(), out, totals, gpuList);
  }

  private boolean hasSyncedUnlocked() {
    return nodeSubscription != null && podSubscription != null && nodeSubscription.hasSynced() && podSubscription.hasSynced();
  }

  @Override
  public void close() {
    Subscription<Node> n;
    Subscription<Pod> p;
    synchronized (this) {
      n = nodeSubscription;
      p = podSubscription;
    }
    if (n != null) {
      n.close();
    }
    if (p != null) {
      p.close();
    }
  }
}
