package io.tidewater.simulator.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.FieldSelector;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CacheInformer;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.UpdateFunction;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.nodes.NodeBook;
import io.tidewater.simulator.nodes.NodeEvent;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.pods.PodResources;
import io.tidewater.simulator.pods.Pods;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node's kubelet, simulated: takes each bound pod from Pending through Running to Ready after
 * the cluster's delays, keeps failing images in CrashLoopBackOff with a growing restart count, and
 * finishes deleted pods once their grace period (capped by the cluster's termination delay) is
 * over. The kubelet of a lost node does nothing until the node recovers.
 *
 * <p>Level-triggered: each pod's next step is read from its status; only the sub-second timing of
 * steps is kept in memory.
 */
public final class Kubelet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kubelet.class);
  static final String MANAGER = "kubelet";
  private static final String NODE_KEY = "node:";

  private final String cluster;
  private final RegistryStorage pods;
  private final NodeBook nodes;
  private final Supplier<SimulatedClusterSpec> spec;
  private final EventRecorder events;
  private final Clock clock;
  private final PodAddresses addresses = new PodAddresses();
  private final Map<String, PodTimeline> timelines = new ConcurrentHashMap<>();
  private final ControllerRunner<String> runner;
  private CacheInformer informer;

  public Kubelet(String cluster, RegistryStorage pods, NodeBook nodes, Supplier<SimulatedClusterSpec> spec, EventRecorder events, Clock clock) {
    this.cluster = cluster;
    this.pods = pods;
    this.nodes = nodes;
    this.spec = spec;
    this.events = events;
    this.clock = clock;
    this.runner = new ControllerRunner<>("kubelet-" + cluster, new WorkQueue<>(), this::reconcile);
  }

  public Kubelet start() {
    nodes.addListener(this::onNodeChange);
    informer = new CacheInformer("kubelet-pods-" + cluster, pods.cache(), ObjectFilter.all(), this::onPod).start();
    runner.start(4);
    return this;
  }

  private void onPod(WatchItem item) {
    String key = item.object().objectKey();
    if (item.type() == EventType.DELETED) {
      timelines.remove(key);
      return;
    }
    if (Pods.isBound(item.object().object())) {
      runner.queue().add(key);
    }
  }

  private void onNodeChange(NodeEvent e) {
    if (e.type() == EventType.MODIFIED && e.previous().lost() && !e.record().lost()) {
      runner.queue().add(NODE_KEY + e.record().name()); // its kubelet is back: catch up with its pods
    }
  }

  Reconciler.Result reconcile(String key) {
    if (key.startsWith(NODE_KEY)) {
      forEachPodOn(key.substring(NODE_KEY.length()), p -> runner.queue().add(p.objectKey()));
      return Reconciler.Result.DONE;
    }
    CachedObject cached = pods.cache().get(key);
    if (cached == null) {
      timelines.remove(key);
      return Reconciler.Result.DONE;
    }
    ObjectNode pod = cached.object();
    NodeRecord node = nodes.get(Pods.nodeName(pod));
    if (node == null || node.lost()) {
      return Reconciler.Result.DONE; // no kubelet runs this pod now
    }
    String uid = ObjectMetas.uid(pod);
    PodTimeline t = timelines.compute(key, (k, old) -> old != null && old.uid.equals(uid) ? old : new PodTimeline(uid));
    long now = System.nanoTime();
    SimulatedClusterSpec s = spec.get();
    if (Pods.isTerminating(pod)) {
      return terminate(pod, t, now, s);
    }
    if (Pods.isTerminal(pod)) {
      return Reconciler.Result.DONE;
    }
    if (pod.path("status").path("hostIP").asText("").isEmpty()) {
      String hostIp = node.internalIp();
      writeStatus(pod, p -> PodStatuses.accepted(p, hostIp, clock.instant()));
      t.acceptedAt = now;
      return after(s.podTimings().startup());
    }
    if (!"Running".equals(Pods.phase(pod))) {
      if (t.acceptedAt == 0) {
        t.acceptedAt = now;
      }
      long left = t.acceptedAt + s.podTimings().startup().toNanos() - now;
      if (left > 0) {
        return after(Duration.ofNanos(left));
      }
      String ip = addresses.allocate();
      writeStatus(pod, p -> PodStatuses.running(p, ip, clock.instant(), s::isFailingImage));
      t.runningAt = now;
      boolean failing = PodResources.images(pod).stream().anyMatch(s::isFailingImage);
      if (failing) {
        t.nextRestartAt = now + backOff(s, 1).toNanos();
        events.warning(pod, "BackOff", "Back-off restarting failed container", MANAGER);
        return after(backOff(s, 1));
      }
      events.normal(pod, "Started", "Started container", MANAGER);
      return after(s.podTimings().ready());
    }
    if (PodStatuses.isCrashLooping(pod)) {
      if (t.nextRestartAt == 0) {
        t.nextRestartAt = now + backOff(s, PodStatuses.maxRestarts(pod)).toNanos();
      }
      long left = t.nextRestartAt - now;
      if (left > 0) {
        return after(Duration.ofNanos(left));
      }
      writeStatus(pod, p -> PodStatuses.crashedAgain(p, clock.instant(), s::isFailingImage));
      Duration next = backOff(s, PodStatuses.maxRestarts(pod) + 1);
      t.nextRestartAt = now + next.toNanos();
      return after(next);
    }
    if (!Pods.isReady(pod)) {
      if (t.runningAt == 0) {
        t.runningAt = now;
      }
      long left = t.runningAt + s.podTimings().ready().toNanos() - now;
      if (left > 0) {
        return after(Duration.ofNanos(left));
      }
      writeStatus(pod, p -> PodStatuses.ready(p, clock.instant()));
    }
    return Reconciler.Result.DONE;
  }

  private Reconciler.Result terminate(ObjectNode pod, PodTimeline t, long now, SimulatedClusterSpec s) {
    if (t.deletionSeenAt == 0) {
      t.deletionSeenAt = now;
      events.normal(pod, "Killing", "Stopping container", MANAGER);
    }
    long graceSeconds = pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
    long wait = Math.min(Duration.ofSeconds(graceSeconds).toNanos(), s.podTimings().termination().toNanos());
    long left = t.deletionSeenAt + wait - now;
    if (left > 0) {
      return after(Duration.ofNanos(left));
    }
    try {
      pods.delete(ObjectMetas.namespace(pod), ObjectMetas.name(pod), new DeleteOptions(false, null, 0L, ObjectMetas.uid(pod), null));
      log.debug("pod terminated cluster={} pod={}", cluster, Pods.key(pod));
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
    return Reconciler.Result.DONE;
  }

  private static Duration backOff(SimulatedClusterSpec s, int restarts) {
    long base = s.podTimings().crashBackOff().toMillis();
    long millis = base << Math.min(Math.max(restarts - 1, 0), 20);
    return Duration.ofMillis(Math.min(millis, s.podTimings().maxCrashBackOff().toMillis()));
  }

  private static Reconciler.Result after(Duration d) {
    return Reconciler.Result.after(d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d);
  }

  /** Writes the pod's status as {@code change} makes it, if the pod is still the same pod. */
  private void writeStatus(ObjectNode pod, Consumer<ObjectNode> change) {
    String uid = ObjectMetas.uid(pod);
    UpdateFunction update = current -> {
      if (uid.equals(ObjectMetas.uid(current)) && !ObjectMetas.isDeleting(current)) {
        change.accept(current);
      }
      ObjectMetas.setResourceVersion(current, null);
      return current;
    };
    try {
      pods.update(ObjectMetas.namespace(pod), ObjectMetas.name(pod), update, WriteOptions.of(MANAGER).forSubresource("status"));
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void forEachPodOn(String node, Consumer<CachedObject> action) {
    ListOptions byNode = ListOptions.everything().withResourceVersion0().withFields(FieldSelector.parse("spec.nodeName=" + node));
    List<CachedObject> onNode = pods.list(null, byNode).items();
    onNode.forEach(action);
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    runner.close();
  }
}
