package io.tidewater.controllers.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.work.ResourceBinding;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.scheduler.Scheduler;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the federation scheduler for every ResourceBinding: on binding changes (template, policy,
 * member status) and on fleet changes (join, leave, readiness, capacity), writes the decision to
 * {@code spec.clusters} and a {@code Scheduled} condition that names what did not fit.
 */
public final class SchedulingController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SchedulingController.class);
  public static final String MANAGER = "tidewater-scheduler";

  /**
   * Tuning.
   *
   * @param comeHomeStepPercent at most this share of the replicas moves home per step (at least 1)
   * @param comeHomeMarginPercent the cheaper tier keeps this share of headroom after a move (hysteresis)
   * @param comeHomeCooldown the least time between two come-home steps of one workload
   * @param recheckPeriod how often bindings waiting on something (capacity, availability) are retried
   */
  public record Options(int comeHomeStepPercent, int comeHomeMarginPercent, Duration comeHomeCooldown, Duration recheckPeriod) {
    public static final Options DEFAULT = new Options(25, 5, Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  private final FederationClient client;
  private final FleetSnapshots fleet;
  private final Scheduler scheduler;
  private final Options options;
  private final Clock clock;
  private final ControllerRunner<ObjectKey> runner;
  private final AtomicBoolean fleetChanged = new AtomicBoolean();
  private final AtomicBoolean capacityChanged = new AtomicBoolean();
  private ObjectInformer bindings;
  private Thread fleetWatcher;
  private volatile boolean closed;

  public SchedulingController(FederationClient client, FleetSnapshots fleet, Scheduler scheduler, Options options, Clock clock) {
    this.client = client;
    this.fleet = fleet;
    this.scheduler = scheduler;
    this.options = options;
    this.clock = clock;
    this.runner = new ControllerRunner<>("scheduler", new WorkQueue<>(), this::reconcile);
  }

  public SchedulingController start() {
    bindings = client.inform(BindingDetector.BINDING).onChange(c -> {
      runner.queue().add(c.key(), c.specChanged());
      if (c.after() == null && c.before() != null) {
        scheduler.ledger().release(SchedulingRequests.workloadKey(c.before()));
      }
    });
    fleet.onChange(cluster -> fleetChanged.set(true));
    fleet.onCapacityChange(cluster -> capacityChanged.set(true));
    // Membership and readiness changes re-run every binding at the next period. Capacity changes
    // (every pod changes capacity) matter to bindings that wait for room, which re-check on their
    // own, and to coming home, which waits out its cool-down anyway: they re-run every binding at
    // most once per cool-down, so the work per pod event does not grow with the workloads.
    fleetWatcher = Thread.ofVirtual().name("scheduler-fleet-watcher").start(() -> {
      long lastCapacityPass = System.nanoTime();
      while (!closed) {
        try {
          Thread.sleep(options.recheckPeriod().toMillis());
        } catch (InterruptedException e) {
          return;
        }
        boolean capacityDue = System.nanoTime() - lastCapacityPass >= options.comeHomeCooldown().toNanos() && capacityChanged.get();
        if ((fleetChanged.get() || capacityDue) && bindings.hasSynced()) {
          fleetChanged.set(false);
          capacityChanged.set(false);
          lastCapacityPass = System.nanoTime();
          bindings.keys().forEach(runner.queue()::add);
        }
      }
    });
    runner.start(4);
    return this;
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!bindings.hasSynced() || !fleet.synced()) {
      return Reconciler.Result.after(Duration.ofMillis(200));
    }
    ObjectNode binding = bindings.get(key.namespace(), key.name());
    if (binding == null || ObjectMetas.isDeleting(binding)) {
      return Reconciler.Result.DONE;
    }
    refreshReservations(binding);
    // Coming home waits while a change rolls out; nothing else may requeue the binding once the
    // members settle, so it looks again after a cool-down.
    boolean homeDeferred = rollingOut(binding);
    SchedulingRequest request = SchedulingRequests.build(binding, homeDeferred ? SchedulingRequest.ComeHome.OFF : comeHome(binding), clock.instant());
    List<ClusterSnapshot> snapshots = fleet.snapshots();
    Decision decision = scheduler.schedule(request, snapshots);
    boolean plain = SchedulingRequests.plainObject(binding);
    boolean movedHome = decision.message().contains("coming home");
    if (!sameTargets(binding, decision, plain) || movedHome) {
      client.apply(spec(binding, decision, plain, movedHome), MANAGER);
      log.info("binding scheduled binding={} replicas={} targets={} unschedulable={}", key.storeKey(), request.replicas(), decision.asMap(),
          decision.unschedulable());
      client.event(binding, decision.unschedulable() > 0 ? "Warning" : "Normal", decision.unschedulable() > 0 ? "Unschedulable" : "Scheduled",
          decision.message(), MANAGER);
    }
    ObjectNode status = status(binding, decision);
    if (status != null) {
      client.applyStatus(status, MANAGER);
    }
    int placed = decision.targets().stream().filter(t -> !isEvicted(binding, t.cluster())).mapToInt(Decision.Target::replicas).sum();
    boolean waiting = decision.unschedulable() > 0 || decision.total() != request.replicas() || placed != request.replicas()
        || binding.path("spec").path("gracefulEvictionTasks").size() > 0;
    if (waiting && !plain) {
      return Reconciler.Result.after(options.recheckPeriod());
    }
    return homeDeferred ? Reconciler.Result.after(options.comeHomeCooldown()) : Reconciler.Result.DONE;
  }

  private static boolean isEvicted(ObjectNode binding, String cluster) {
    for (JsonNode t : binding.path("spec").path("gracefulEvictionTasks")) {
      if (cluster.equals(t.path("fromCluster").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * In-flight replicas per cluster: targets the member does not run yet. A replica counts as
   * running once its pod is ready: a pod that exists but is not yet bound to a node is in no node's
   * free capacity, so releasing its reservation when the pod merely exists let a quick second
   * decision book the same room.
   */
  private void refreshReservations(ObjectNode binding) {
    String workload = SchedulingRequests.workloadKey(binding);
    Map<String, Integer> observed = new LinkedHashMap<>();
    for (JsonNode s : binding.path("status").path("aggregatedStatus")) {
      observed.put(s.path("clusterName").asText(), s.path("status").path("readyReplicas").asInt(0));
    }
    var pod = SchedulingRequests.pod(binding.path("spec").path("replicaRequirements"));
    for (JsonNode t : binding.path("spec").path("clusters")) {
      String c = t.path("name").asText();
      if (observed.containsKey(c)) {
        long pending = Math.max(0, t.path("replicas").asInt(0) - observed.get(c));
        scheduler.ledger().setPending(c, workload, Math.min(pending, scheduler.ledger().pending(c, workload)), pod.request(), clock.instant());
      }
    }
  }

  private SchedulingRequest.ComeHome comeHome(ObjectNode binding) {
    int replicas = binding.path("spec").path("replicas").asInt(0);
    String last = ObjectMetas.annotation(binding, TidewaterLabels.LAST_COME_HOME);
    if (last != null) {
      try {
        if (Instant.parse(last).plus(options.comeHomeCooldown()).isAfter(clock.instant())) {
          return SchedulingRequest.ComeHome.OFF;
        }
      } catch (RuntimeException e) {
        // unreadable timestamp: treat as no recent move
      }
    }
    int step = Math.max(1, (int) Math.ceil(replicas * options.comeHomeStepPercent() / 100.0));
    int margin = Math.max(1, (int) Math.ceil(replicas * options.comeHomeMarginPercent() / 100.0));
    return new SchedulingRequest.ComeHome(true, step, margin);
  }

  /**
   * A come-home step adds pods before it removes any, as a surge does, so it never runs on top of
   * a rollout's surge: the template's maxSurge holds across the fleet. Whether a change is rolling out: a member has not yet observed the template's generation (a
   * Fleet-Root member still waiting its turn, or one the change has not reached), has replicas not
   * yet updated, or runs surge pods beyond its share.
   */
  static boolean rollingOut(ObjectNode binding) {
    long generation = binding.path("spec").path("resource").path("generation").asLong(0);
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (JsonNode t : binding.path("spec").path("clusters")) {
      targets.put(t.path("name").asText(), t.path("replicas").asInt(0));
    }
    for (JsonNode a : binding.path("status").path("aggregatedStatus")) {
      JsonNode st = a.path("status");
      if (!st.has("updatedReplicas") || !targets.containsKey(a.path("clusterName").asText())) {
        continue; // not a rolling workload, or a member leaving
      }
      int replicas = st.path("replicas").asInt(0);
      if (st.path("observedGeneration").asLong(generation) < generation || st.path("updatedReplicas").asInt(0) < replicas || replicas > targets.get(a.path("clusterName").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameTargets(ObjectNode binding, Decision d, boolean plain) {
    Map<String, Integer> now = new LinkedHashMap<>();
    for (JsonNode t : binding.path("spec").path("clusters")) {
      now.put(t.path("name").asText(), t.path("replicas").asInt(0));
    }
    Map<String, Integer> want = new LinkedHashMap<>();
    for (Decision.Target t : d.targets()) {
      want.put(t.cluster(), plain ? 0 : t.replicas());
    }
    return now.equals(want);
  }

  private ObjectNode spec(ObjectNode binding, Decision d, boolean plain, boolean movedHome) {
    ObjectNode o = Json.object();
    o.put("apiVersion", ResourceBinding.API_VERSION);
    o.put("kind", ResourceBinding.KIND);
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", ObjectMetas.name(binding));
    meta.put("namespace", ObjectMetas.namespace(binding));
    if (movedHome) {
      meta.putObject("annotations").put(TidewaterLabels.LAST_COME_HOME, ObjectMetas.timestamp(clock.instant()));
    } else if (ObjectMetas.annotation(binding, TidewaterLabels.LAST_COME_HOME) != null) {
      meta.putObject("annotations").put(TidewaterLabels.LAST_COME_HOME, ObjectMetas.annotation(binding, TidewaterLabels.LAST_COME_HOME));
    }
    ArrayNode clusters = o.putObject("spec").putArray("clusters");
    for (Decision.Target t : d.targets()) {
      ObjectNode tc = clusters.addObject();
      tc.put("name", t.cluster());
      tc.put("replicas", plain ? 0 : t.replicas());
      tc.put("reason", t.reason().length() > 1024 ? t.reason().substring(0, 1024) : t.reason());
    }
    return o;
  }

  /** The status to apply, or null when nothing a reader cares about changed. */
  private ObjectNode status(ObjectNode binding, Decision d) {
    boolean ok = d.unschedulable() == 0;
    String reason = ok ? "Success" : "Unschedulable";
    long generation = ObjectMetas.generation(binding);
    JsonNode st = binding.path("status");
    JsonNode cond = null;
    for (JsonNode c : st.path("conditions")) {
      if (ResourceBinding.CONDITION_SCHEDULED.equals(c.path("type").asText())) {
        cond = c;
      }
    }
    boolean same = cond != null && cond.path("status").asText().equals(ok ? "True" : "False") && cond.path("reason").asText().equals(reason)
        && cond.path("message").asText().equals(d.message()) && st.path("schedulerObservedGeneration").asLong() == generation
        && st.path("unschedulableReplicas").asInt(-1) == d.unschedulable();
    if (same) {
      return null;
    }
    String now = ObjectMetas.timestamp(clock.instant());
    ObjectNode o = Json.object();
    o.put("apiVersion", ResourceBinding.API_VERSION);
    o.put("kind", ResourceBinding.KIND);
    o.putObject("metadata").put("name", ObjectMetas.name(binding)).put("namespace", ObjectMetas.namespace(binding));
    ObjectNode s = o.putObject("status");
    s.put("schedulerObservedGeneration", generation);
    s.put("lastScheduledTime", now);
    s.put("unschedulableReplicas", d.unschedulable());
    ObjectNode c = s.putArray("conditions").addObject();
    c.put("type", ResourceBinding.CONDITION_SCHEDULED);
    c.put("status", ok ? "True" : "False");
    c.put("reason", reason);
    c.put("message", d.message());
    boolean transitioned = cond == null || !cond.path("status").asText().equals(ok ? "True" : "False");
    c.put("lastTransitionTime", transitioned || !cond.hasNonNull("lastTransitionTime") ? now : cond.get("lastTransitionTime").asText());
    c.put("observedGeneration", generation);
    return o;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    closed = true;
    if (fleetWatcher != null) {
      fleetWatcher.interrupt();
    }
    runner.close();
  }
}
