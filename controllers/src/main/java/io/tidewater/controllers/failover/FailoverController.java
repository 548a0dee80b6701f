package io.tidewater.controllers.failover;

import io.tidewater.controllers.cluster.ClusterChanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.work.ResourceBinding;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster failover (DESIGN §5 rule 6): when a cluster a binding has replicas on stays NotReady
 * longer than the binding's {@code failover.cluster.tolerationSeconds}, a graceful eviction task
 * for that cluster is added to the binding. The scheduler then re-places those replicas by the
 * usual tier rules and drains the lost cluster only once the replacements are available (so a
 * cluster that comes back early never leaves the service short). The task is removed once the
 * cluster no longer holds replicas of the binding.
 *
 * <p>The task carries the policy's {@code purgeMode}: Graceful drains the lost cluster's copies
 * once their replacements are available, Immediately drops them at once, and Never keeps them
 * ({@code suppressDeletion: true}) until a person sets {@code suppressDeletion} to false.
 */
public final class FailoverController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FailoverController.class);
  public static final String MANAGER = "tidewater-failover";
  public static final String REASON = "ClusterNotReady";
  static final int DEFAULT_TOLERATION_SECONDS = 300;
  private static final Duration NOT_SYNCED_RETRY = Duration.ofMillis(200);

  private final FederationClient client;
  private final Clock clock;
  private final ControllerRunner<ObjectKey> runner;
  private ObjectInformer bindings;
  private ObjectInformer clusters;

  public FailoverController(FederationClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.runner = new ControllerRunner<>("failover", new WorkQueue<>(), this::reconcile);
  }

  public FailoverController start() {
    bindings = client.inform(BindingDetector.BINDING).onChange(c -> runner.queue().add(c.key()));
    clusters = client.inform(PropagationController.CLUSTER).onChange(c -> {
      if (ClusterChanges.readinessChanged(c)) {
        requeueAll();
      }
    });
    runner.start(2);
    return this;
  }

  private void requeueAll() {
    if (bindings == null) {
      return;
    }
    bindings.keys().forEach(runner.queue()::add);
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!bindings.hasSynced() || !clusters.hasSynced()) {
      return Reconciler.Result.after(NOT_SYNCED_RETRY);
    }
    ObjectNode binding = bindings.get(key.namespace(), key.name());
    if (binding == null || ObjectMetas.isDeleting(binding)) {
      return Reconciler.Result.DONE;
    }
    JsonNode spec = binding.path("spec");
    Duration toleration = Duration.ofSeconds(spec.path("failover").path("cluster").path("tolerationSeconds").asInt(DEFAULT_TOLERATION_SECONDS));
    String purgeMode = spec.path("failover").path("cluster").path("purgeMode").asText("Graceful");
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (JsonNode t : spec.path("clusters")) {
      targets.put(t.path("name").asText(), t.path("replicas").asInt(0));
    }
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    boolean changed = false;
    for (JsonNode task : spec.path("gracefulEvictionTasks")) {
      String from = task.path("fromCluster").asText();
      if (targets.getOrDefault(from, 0) > 0 || !REASON.equals(task.path("reason").asText())) {
        tasks.put(from, task); // still draining, or another controller's task
      } else {
        changed = true;
        log.info("failover finished binding={} cluster={}", key.storeKey(), from);
      }
    }
    Instant now = clock.instant();
    Duration recheck = null;
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      if (t.getValue() <= 0 || tasks.containsKey(t.getKey())) {
        continue;
      }
      Instant since = notReadySince(t.getKey());
      if (since == null) {
        continue;
      }
      Duration left = Duration.between(now, since.plus(toleration));
      if (left.isNegative() || left.isZero()) {
        tasks.put(t.getKey(), task(t.getKey(), t.getValue(), toleration, purgeMode, now));
        changed = true;
        log.info("failover started binding={} cluster={} replicas={} notReadyFor={}s purgeMode={}", key.storeKey(), t.getKey(), t.getValue(),
            Duration.between(since, now).toSeconds(), purgeMode);
        client.event(binding, "Warning", "FailedOver",
            "cluster " + t.getKey() + " NotReady for more than " + toleration.toSeconds() + "s: its " + t.getValue()
                + " replica(s) are re-placed; " + purgeDescription(purgeMode), MANAGER);
      } else {
        recheck = recheck == null || left.compareTo(recheck) < 0 ? left : recheck;
      }
    }
    if (changed) {
      client.apply(patch(binding, tasks), MANAGER);
    }
    return recheck == null ? Reconciler.Result.DONE : Reconciler.Result.after(recheck.plusMillis(100));
  }

  /** When the named cluster's Ready condition turned not-True, or null while it is Ready (or unknown to the federation). */
  private Instant notReadySince(String cluster) {
    ObjectNode c = clusters.get("", cluster);
    if (c == null) {
      return null; // left the federation: the scheduler drops it, no failover needed
    }
    for (JsonNode cond : c.path("status").path("conditions")) {
      if ("Ready".equals(cond.path("type").asText())) {
        if ("True".equals(cond.path("status").asText())) {
          return null;
        }
        try {
          return Instant.parse(cond.path("lastTransitionTime").asText());
        } catch (RuntimeException e) {
          return clock.instant();
        }
      }
    }
    return null; // never probed yet: not a failure
  }

  private static String purgeDescription(String purgeMode) {
    return switch (purgeMode) {
      case "Immediately" -> "the copies there are removed at once";
      case "Never" -> "the copies there are kept until spec.gracefulEvictionTasks[].suppressDeletion is set to false";
      default -> "the copies there are drained once the replacements are available";
    };
  }

  private static ObjectNode task(String cluster, int replicas, Duration toleration, String purgeMode, Instant now) {
    ObjectNode t = Json.object();
    t.put("fromCluster", cluster);
    t.put("replicas", replicas);
    t.put("reason", REASON);
    t.put("message", "cluster NotReady longer than " + toleration.toSeconds() + "s");
    t.put("producer", MANAGER);
    t.put("purgeMode", purgeMode);
    if ("Never".equals(purgeMode)) {
      t.put("suppressDeletion", true);
    }
    t.put("creationTimestamp", ObjectMetas.timestamp(now));
    return t;
  }

  private static ObjectNode patch(ObjectNode binding, Map<String, JsonNode> tasks) {
    ObjectNode o = Json.object();
    o.put("apiVersion", ResourceBinding.API_VERSION);
    o.put("kind", ResourceBinding.KIND);
    o.putObject("metadata").put("name", ObjectMetas.name(binding)).put("namespace", ObjectMetas.namespace(binding));
    ArrayNode list = o.putObject("spec").putArray("gracefulEvictionTasks");
    tasks.values().forEach(t -> list.add(t.deepCopy()));
    return o;
  }

  @Override
  public void close() {
    runner.close();
  }
}
