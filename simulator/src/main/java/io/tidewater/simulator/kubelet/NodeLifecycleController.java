package io.tidewater.simulator.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.FieldSelector;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.nodes.NodeBook;
import io.tidewater.simulator.nodes.NodeEvent;
import io.tidewater.simulator.nodes.NodeRecord;
import io.tidewater.simulator.pods.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' node lifecycle controller and pod garbage collector, for simulated nodes. Pods of a
 * lost node are marked not ready at once and evicted (deleted gracefully) after the cluster's
 * eviction delay, or sooner when they tolerate the {@code node.kubernetes.io/unreachable} taint for
 * less; a pod that tolerates it forever stays. As in Kubernetes, evicted pods stay Terminating
 * until their node's kubelet returns, and their ReplicaSets replace them meanwhile. Pods bound to a
 * node that no longer exists are deleted at once.
 */
public final class NodeLifecycleController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeLifecycleController.class);
  static final String MANAGER = "node-controller";
  private static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  /** While a node is lost, its pods are looked at again at least this often (pods bound to it later). */
  private static final Duration RECHECK = Duration.ofSeconds(5);

  private final String cluster;
  private final RegistryStorage pods;
  private final NodeBook nodes;
  private final Supplier<SimulatedClusterSpec> spec;
  private final EventRecorder events;
  private final Clock clock;
  private final ControllerRunner<String> runner;

  public NodeLifecycleController(
      String cluster, RegistryStorage pods, NodeBook nodes, Supplier<SimulatedClusterSpec> spec, EventRecorder events, Clock clock) {
    this.cluster = cluster;
    this.pods = pods;
    this.nodes = nodes;
    this.spec = spec;
    this.events = events;
    this.clock = clock;
    this.runner = new ControllerRunner<>("node-lifecycle-" + cluster, new WorkQueue<>(), this::reconcile);
  }

  public NodeLifecycleController start() {
    nodes.addListener(this::onNodeChange);
    runner.start(2);
    return this;
  }

  private void onNodeChange(NodeEvent e) {
    if (e.type() == EventType.DELETED || e.record().lost()) {
      runner.queue().add(e.record().name());
    }
  }

  Reconciler.Result reconcile(String nodeName) {
    NodeRecord node = nodes.get(nodeName);
    List<CachedObject> onNode = pods.list(
        null, ListOptions.everything().withResourceVersion0().withFields(FieldSelector.parse("spec.nodeName=" + nodeName))).items();
    if (node == null) {
      for (CachedObject p : onNode) {
        delete(p.object(), 0L, "deleting pod of a node that no longer exists");
      }
      return Reconciler.Result.DONE;
    }
    if (!node.lost()) {
      return Reconciler.Result.DONE;
    }
    Instant lostSince = Instant.ofEpochSecond(node.conditionSecond());
    Instant now = clock.instant();
    Duration delay = spec.get().evictionDelay();
    Instant next = now.plus(RECHECK);
    int evicted = 0;
    for (CachedObject cached : onNode) {
      ObjectNode pod = cached.object();
      if (Pods.isTerminating(pod) || Pods.isTerminal(pod)) {
        continue;
      }
      if (Pods.isReady(pod)) {
        markNotReady(pod);
      }
      Duration wait = evictionDelay(pod, delay);
      if (wait == null) {
        continue; // tolerates the unreachable taint forever
      }
      Instant evictAt = lostSince.plus(wait);
      if (!now.isBefore(evictAt)) {
        events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + Pods.key(pod), MANAGER);
        if (delete(pod, null, "evicting pod of lost node " + nodeName)) {
          evicted++;
        }
      } else if (evictAt.isBefore(next)) {
        next = evictAt;
      }
    }
    if (evicted > 0) {
      log.info("pods evicted from lost node cluster={} node={} count={}", cluster, nodeName, evicted);
    }
    return Reconciler.Result.after(Duration.between(now, next).plusMillis(50));
  }

  /**
   * How long after its node was lost a pod is evicted: the cluster's eviction delay (which stands
   * for Kubernetes' node monitor grace period plus the default 300 s toleration, compressed), or
   * less when the pod tolerates {@code node.kubernetes.io/unreachable} for less; null when it
   * tolerates it forever.
   */
  static Duration evictionDelay(JsonNode pod, Duration clusterDelay) {
    Duration wait = clusterDelay;
    for (JsonNode t : pod.path("spec").path("tolerations")) {
      String key = t.path("key").asText("");
      String op = t.path("operator").asText("");
      String effect = t.path("effect").asText("");
      boolean keyMatches = key.equals(UNREACHABLE) || (key.isEmpty() && op.equals("Exists"));
      boolean effectMatches = effect.isEmpty() || effect.equals("NoExecute");
      boolean valueMatches = op.equals("Exists") || t.path("value").asText("").isEmpty();
      if (keyMatches && effectMatches && valueMatches) {
        if (!t.hasNonNull("tolerationSeconds")) {
          return null;
        }
        Duration d = Duration.ofSeconds(Math.max(0, t.get("tolerationSeconds").asLong()));
        if (d.compareTo(wait) < 0) {
          wait = d;
        }
      }
    }
    return wait;
  }

  private void markNotReady(ObjectNode pod) {
    String uid = ObjectMetas.uid(pod);
    try {
      pods.update(ObjectMetas.namespace(pod), ObjectMetas.name(pod), current -> {
        if (uid.equals(ObjectMetas.uid(current))) {
          PodStatuses.nodeLost(current, clock.instant());
        }
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(MANAGER).forSubresource("status"));
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private boolean delete(ObjectNode pod, Long grace, String why) {
    try {
      pods.delete(ObjectMetas.namespace(pod), ObjectMetas.name(pod), new DeleteOptions(false, null, grace, ObjectMetas.uid(pod), null));
      log.debug("{} cluster={} pod={}", why, cluster, Pods.key(pod));
      return true;
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
      log.debug("pod not deleted cluster={} pod={} code={} error={}", cluster, Pods.key(pod), e.code(), e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    runner.close();
  }
}
