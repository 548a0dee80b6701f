package io.tidewater.simulator.scheduling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CacheInformer;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.ScoringStrategy;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.nodes.NodeBook;
import io.tidewater.simulator.nodes.NodeEvent;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.pods.PodConditions;
import io.tidewater.simulator.pods.Pods;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second level of scheduling: binds each pending pod of {@code default-scheduler} to a node,
 * one pod at a time as kube-scheduler does, so its in-memory view of what each node holds stays
 * exact. A pod that fits nowhere stays Pending with {@code PodScheduled=False}, reason
 * {@code Unschedulable} and Kubernetes' message, and is tried again whenever capacity appears (a pod
 * goes, a node comes or recovers or is uncordoned) and every half minute.
 */
public final class NodeScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeScheduler.class);
  static final String MANAGER = "default-scheduler";
  private static final Duration RETRY_UNSCHEDULABLE = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED_FAILURES = 10_000;

  /** The outcome of placing a class of pods at one capacity epoch. */
  private record Failure(long epoch, String message) {}

  private final String cluster;
  private final RegistryStorage pods;
  private final NodeBook nodes;
  private final Supplier<ScoringStrategy> scoring;
  private final EventRecorder events;
  private final Clock clock;
  private final NodeAllocations allocations = new NodeAllocations();
  private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
  private final Map<PodNeeds, Failure> failures = new ConcurrentHashMap<>();
  private final AtomicLong capacityEpoch = new AtomicLong();
  private final ControllerRunner<String> runner;
  private CacheInformer informer;

  public NodeScheduler(
      String cluster, RegistryStorage pods, NodeBook nodes, Supplier<ScoringStrategy> scoring, EventRecorder events, Clock clock) {
    this.cluster = cluster;
    this.pods = pods;
    this.nodes = nodes;
    this.scoring = scoring;
    this.events = events;
    this.clock = clock;
    this.runner = new ControllerRunner<>("scheduler-" + cluster, new WorkQueue<>(), this::reconcile);
  }

  public NodeScheduler start() {
    nodes.addListener(this::onNodeChange);
    informer = new CacheInformer("scheduler-pods-" + cluster, pods.cache(), ObjectFilter.all(), this::onPod).start();
    runner.start(1); // one pod at a time: every decision sees the previous one
    return this;
  }

  private void onPod(WatchItem item) {
    String key = item.object().objectKey();
    ObjectNode pod = item.type() == EventType.DELETED ? null : item.object().object();
    if (allocations.observe(key, pod)) {
      capacityAppeared();
    }
    if (pod != null && waitsForScheduling(pod)) {
      runner.queue().add(key);
    } else {
      unschedulable.remove(key);
    }
  }

  private void onNodeChange(NodeEvent e) {
    NodeRecord before = e.previous();
    NodeRecord after = e.record();
    boolean more = switch (e.type()) {
      case ADDED -> true;
      case MODIFIED -> (before.lost() && !after.lost())
          || (before.isUnschedulable() && !after.isUnschedulable())
          || !Objects.equals(before.profile(), after.profile());
      default -> false;
    };
    if (more) {
      capacityAppeared();
    }
  }

  /** Capacity may have appeared: every unschedulable pod gets another try. */
  private void capacityAppeared() {
    capacityEpoch.incrementAndGet();
    for (String key : unschedulable) {
      runner.queue().add(key);
    }
  }

  private static boolean waitsForScheduling(ObjectNode pod) {
    return !Pods.isBound(pod)
        && !Pods.isTerminating(pod)
        && !Pods.isTerminal(pod)
        && Pods.DEFAULT_SCHEDULER.equals(pod.path("spec").path("schedulerName").asText(Pods.DEFAULT_SCHEDULER));
  }

  Reconciler.Result reconcile(String key) {
    CachedObject cached = pods.cache().get(key);
    if (cached == null || !waitsForScheduling(cached.object())) {
      unschedulable.remove(key);
      return Reconciler.Result.DONE;
    }
    ObjectNode pod = cached.object();
    PodNeeds needs = new PodNeeds(pod);
    long epoch = capacityEpoch.get();
    Failure known = failures.get(needs);
    if (known != null && known.epoch() == epoch) {
      return markUnschedulable(key, pod, known.message());
    }
    NodeFit.Result placed = allocations.read(usage -> NodeFit.place(needs, nodes.snapshot(), usage, scoring.get()));
    if (!placed.fits()) {
      if (failures.size() > MAX_REMEMBERED_FAILURES) {
        failures.clear();
      }
      failures.put(needs, new Failure(epoch, placed.failure()));
      return markUnschedulable(key, pod, placed.failure());
    }
    allocations.assume(key, placed.node(), needs);
    try {
      bind(pod, placed.node());
    } catch (ApiException e) {
      allocations.forget(key);
      if (e.code() == 404 || e.code() == 409) {
        return Reconciler.Result.DONE; // the pod went or changed: its next event brings it back if need be
      }
      throw e;
    }
    unschedulable.remove(key);
    events.normal(pod, "Scheduled", "Successfully assigned " + key + " to " + placed.node(), MANAGER);
    return Reconciler.Result.DONE;
  }

  private void bind(ObjectNode pod, String node) {
    String uid = ObjectMetas.uid(pod);
    String ns = ObjectMetas.namespace(pod);
    String name = ObjectMetas.name(pod);
    pods.update(ns, name, current -> {
      if (!uid.equals(ObjectMetas.uid(current)) || Pods.isBound(current) || Pods.isTerminating(current)) {
        throw ApiException.conflict("", "pods", name, "the pod changed while it was being scheduled");
      }
      ((ObjectNode) current.get("spec")).put("nodeName", node);
      ObjectMetas.setResourceVersion(current, null);
      return current;
    }, WriteOptions.of(MANAGER));
    pods.update(ns, name, current -> {
      if (uid.equals(ObjectMetas.uid(current))) {
        ObjectNode status = current.has("status") ? (ObjectNode) current.get("status") : current.putObject("status");
        PodConditions.set(status, PodConditions.POD_SCHEDULED, "True", null, null, clock.instant());
      }
      ObjectMetas.setResourceVersion(current, null);
      return current;
    }, WriteOptions.of(MANAGER).forSubresource("status"));
    log.debug("pod bound cluster={} pod={}/{} node={}", cluster, ns, name, node);
  }

  private Reconciler.Result markUnschedulable(String key, ObjectNode pod, String message) {
    unschedulable.add(key);
    ObjectNode scheduled = PodConditions.get(pod, PodConditions.POD_SCHEDULED);
    boolean known = scheduled != null && "False".equals(scheduled.path("status").asText()) && message.equals(scheduled.path("message").asText());
    if (!known) {
      String uid = ObjectMetas.uid(pod);
      try {
        pods.update(ObjectMetas.namespace(pod), ObjectMetas.name(pod), current -> {
          if (uid.equals(ObjectMetas.uid(current)) && !Pods.isBound(current)) {
            ObjectNode status = current.has("status") ? (ObjectNode) current.get("status") : current.putObject("status");
            PodConditions.set(status, PodConditions.POD_SCHEDULED, "False", "Unschedulable", message, clock.instant());
          }
          ObjectMetas.setResourceVersion(current, null);
          return current;
        }, WriteOptions.of(MANAGER).forSubresource("status"));
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
        return Reconciler.Result.DONE;
      }
      events.warning(pod, "FailedScheduling", message, MANAGER);
      log.debug("pod unschedulable cluster={} pod={} message={}", cluster, key, message);
    }
    return Reconciler.Result.after(RETRY_UNSCHEDULABLE);
  }

  /** How many pods wait for capacity. */
  public int unschedulableCount() {
    return unschedulable.size();
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    runner.close();
  }
}
