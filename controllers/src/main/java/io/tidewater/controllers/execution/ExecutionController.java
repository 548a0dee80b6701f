package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.policy.ConflictResolution;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.health.MemberHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Works to member clusters and reports member status back (Karmada's execution and
 * work-status controllers in one).
 *
 * <p>For each Work in {@code tidewater-es-<cluster>}: the finalizer {@value #FINALIZER} is put on
 * it; its manifests are server-side applied to the member (namespaces created when missing,
 * objects that are not Tidewater's left alone unless the binding says Overwrite); objects it no
 * longer lists are deleted; its status reports the {@code Applied} condition and each member
 * object's status and health, with {@code observedGeneration} in template generations. A deleted
 * Work's objects are deleted from the member before the finalizer is released.
 *
 * <p>Nothing is ever deleted because a member is unreachable: its Works say so (Applied=Unknown)
 * and are retried, and everything resumes when it is back.
 */
public final class ExecutionController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutionController.class);
  public static final String MANAGER = "tidewater-execution";
  public static final String FINALIZER = Work.EXECUTION_FINALIZER;
  /** How long after an apply a member cache may still not show the object, without that counting as drift. */
  static final Duration CACHE_LAG = Duration.ofSeconds(5);
  private static final Duration NOT_SYNCED_RETRY = Duration.ofMillis(200);

  private final FederationClient client;
  private final Members members;
  private final ExecutionOptions options;
  private final ControllerRunner<ObjectKey> runner;
  private final AppliedWorks applied = new AppliedWorks();
  private final MemberNamespaces namespaces = new MemberNamespaces();
  private final ManifestApplier applier = new ManifestApplier(namespaces);
  private final OwnedObjectDeleter deleter = new OwnedObjectDeleter();
  private final ManagedObjectLister lister = new ManagedObjectLister();
  private final WorkStatusWriter statusWriter;
  private final WorkFinalizer finalizer;
  private ObjectInformer works;
  private ObjectInformer clusters;
  private OrphanSweeper sweeper;
  private MemberWatches watches;
  private ScheduledExecutorService housekeeping;

  public ExecutionController(FederationClient client, Members members, ExecutionOptions options, Clock clock) {
    this.client = client;
    this.members = members;
    this.options = options;
    this.statusWriter = new WorkStatusWriter(client, MANAGER, clock);
    this.finalizer = new WorkFinalizer(client, FINALIZER);
    this.runner = new ControllerRunner<>("execution", new WorkQueue<>(), this::reconcile);
  }

  public ExecutionController start() {
    works = client.inform(PropagationController.WORK).onChange(c -> {
      if (Work.clusterOf(c.key().namespace()) != null) {
        runner.queue().add(c.key(), c.specChanged());
      }
    });
    clusters = client.inform(PropagationController.CLUSTER).onChange(c -> {
      if (c.before() == null || c.after() == null) {
        requeueMember(c.key().name()); // a Cluster gone releases its Works' finalizers
      }
    });
    sweeper = new OrphanSweeper(members, works, lister, runner.queue()::add);
    watches = new MemberWatches(new MemberWatches.Sink() {
      @Override
      public void workChanged(String cluster, MemberOwnership.WorkName work) {
        List<ObjectKey> existing = BindingWorks.in(works, cluster, work);
        if (existing.isEmpty()) {
          runner.queue().add(ObjectKey.of(PropagationController.WORK, work.namespace(), work.name())); // an orphan's key
        } else {
          existing.forEach(runner.queue()::add);
        }
      }

      @Override
      public void memberChanged(String cluster) {
        requeueMember(cluster);
      }

      @Override
      public void memberRecovered(String cluster) {
        // The member may have changed while out of reach: apply everything again.
        applied.forgetCluster(cluster);
        namespaces.forgetCluster(cluster);
      }
    }).start(members);
    housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("execution-housekeeping").daemon(true).factory());
    long sweep = options.orphanSweepPeriod().toMillis();
    housekeeping.scheduleWithFixedDelay(logged("orphan sweep", sweeper::sweep), sweep, sweep, TimeUnit.MILLISECONDS);
    long resync = options.resyncPeriod().toMillis();
    housekeeping.scheduleWithFixedDelay(logged("resync", this::requeueAll), resync, resync, TimeUnit.MILLISECONDS);
    runner.start(options.workers());
    return this;
  }

  private static Runnable logged(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("execution housekeeping failed task={} error={}", what, e.toString());
      }
    };
  }

  private void requeueMember(String cluster) {
    if (works == null) {
      return;
    }
    for (ObjectNode w : works.list(Work.executionNamespace(cluster))) {
      runner.queue().add(ObjectKey.of(PropagationController.WORK, ObjectMetas.namespace(w), ObjectMetas.name(w)));
    }
  }

  private void requeueAll() {
    for (ObjectNode w : works.list()) {
      if (Work.clusterOf(ObjectMetas.namespace(w)) != null) {
        runner.queue().add(ObjectKey.of(PropagationController.WORK, ObjectMetas.namespace(w), ObjectMetas.name(w)));
      }
    }
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!works.hasSynced() || !clusters.hasSynced()) {
      return Reconciler.Result.after(NOT_SYNCED_RETRY); // never act on a cache that has not synced
    }
    String cluster = Work.clusterOf(key.namespace());
    if (cluster == null) {
      return Reconciler.Result.DONE;
    }
    MemberConnector member = members.get(cluster).filter(m -> !m.isClosed()).orElse(null);
    ObjectNode work = works.get(key.namespace(), key.name());
    if (work == null) {
      applied.forget(key);
      return removeOrphans(key, cluster, member);
    }
    if (ObjectMetas.isDeleting(work)) {
      return finish(key, work, cluster, member);
    }
    if (!finalizer.has(work)) {
      finalizer.add(work);
    }
    if (member == null) {
      statusWriter.write(work, new WorkStatusWriter.Applied("Unknown", "MemberNotConnected", "no connection to member " + cluster), null);
      return Reconciler.Result.after(options.retryPeriod());
    }
    MemberHealth health = member.currentHealth();
    if (!health.isReady()) {
      statusWriter.write(work, new WorkStatusWriter.Applied("Unknown", "MemberNotReady",
          "member " + cluster + " is not ready (" + health.reason() + "); its objects are left as they are"), null);
      return Reconciler.Result.after(options.retryPeriod());
    }
    String bindingId = bindingId(work);
    if (bindingId == null) {
      statusWriter.write(work, new WorkStatusWriter.Applied("False", "InvalidWork",
          "the Work has no " + TidewaterLabels.BINDING_NAMESPACE + " and " + TidewaterLabels.BINDING_NAME + " labels"), null);
      return Reconciler.Result.DONE;
    }
    return sync(key, work, member, bindingId);
  }

  /** Applies the Work if needed, deletes what it no longer lists, and reports. */
  private Reconciler.Result sync(ObjectKey key, ObjectNode work, MemberConnector member, String bindingId) {
    List<ObjectNode> manifests = manifests(work);
    boolean suspended = work.path("spec").path("suspendDispatching").asBoolean(false);
    boolean mustApply = !suspended && (!applied.upToDate(key, work, member, options.resyncPeriod()) || drifted(key, member, manifests, bindingId));
    Map<String, ManifestApplier.Result> results = new HashMap<>();
    WorkStatusWriter.Applied condition = null; // null: keep the current condition
    if (mustApply) {
      boolean overwrite = ConflictResolution.OVERWRITE.name().equalsIgnoreCase(AppliedWorks.conflictResolution(work));
      for (ObjectNode m : manifests) {
        ManifestApplier.Result r = applier.apply(member, m, bindingId, overwrite);
        results.put(r.id().objectKey(), r);
      }
      removeStale(work, member, manifests, bindingId);
      condition = outcome(member.cluster(), manifests.size(), results.values());
      if (condition.status().equals("True")) {
        applied.remember(key, work, member);
        log.info("work applied work={} cluster={} binding={} manifests={}", key.storeKey(), member.cluster(), bindingId, manifests.size());
      } else {
        applied.forget(key);
        log.info("work not applied work={} cluster={} reason={} message=\"{}\"", key.storeKey(), member.cluster(), condition.reason(),
            condition.message());
      }
    } else if (!suspended) {
      condition = WorkStatusWriter.Applied.ok(manifests.size()); // applied in full before, and nothing changed since
    } else if (WorkStatusWriter.condition(work.path("status"), Work.CONDITION_APPLIED) == null) {
      condition = new WorkStatusWriter.Applied("Unknown", "DispatchingSuspended", "dispatching is suspended; nothing applied yet");
    }
    statusWriter.write(work, condition != null ? condition : current(work), manifestStatuses(work, member, manifests, bindingId, results));
    if (condition != null && !condition.status().equals("True") && !suspended) {
      return Reconciler.Result.after(options.retryPeriod());
    }
    // Drift is not judged while the member's cache may lag the last apply: a member object deleted
    // in that window (the event that brought us here) is looked for again once it has passed.
    return !mustApply && !suspended && applied.appliedWithin(key, CACHE_LAG) ? Reconciler.Result.after(CACHE_LAG) : Reconciler.Result.DONE;
  }

  private static WorkStatusWriter.Applied current(ObjectNode work) {
    JsonNode c = WorkStatusWriter.condition(work.path("status"), Work.CONDITION_APPLIED);
    return new WorkStatusWriter.Applied(c.path("status").asText(), c.path("reason").asText(), c.path("message").asText());
  }

  private static WorkStatusWriter.Applied outcome(String cluster, int manifests, Iterable<ManifestApplier.Result> results) {
    List<String> failures = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (ManifestApplier.Result r : results) {
      switch (r) {
        case ManifestApplier.Failed f -> failures.add(f.id() + ": " + f.message());
        case ManifestApplier.Conflict c -> conflicts.add(c.id() + " " + c.owner() + " in member " + cluster);
        case ManifestApplier.Applied a -> {}
      }
    }
    if (!failures.isEmpty()) {
      List<String> all = new ArrayList<>(failures);
      all.addAll(conflicts);
      return new WorkStatusWriter.Applied("False", "AppliedFailed", String.join("; ", all));
    }
    if (!conflicts.isEmpty()) {
      return new WorkStatusWriter.Applied("False", "Conflict",
          String.join("; ", conflicts) + "; left untouched because the binding's conflictResolution is Abort");
    }
    return WorkStatusWriter.Applied.ok(manifests);
  }

  /**
   * Whether a member object the Work applied is missing from, or no longer Tidewater's in, the
   * member's synced informer cache (someone deleted or took it over). Right after an apply the
   * cache may simply not show it yet.
   */
  private boolean drifted(ObjectKey key, MemberConnector member, List<ObjectNode> manifests, String bindingId) {
    if (applied.appliedWithin(key, CACHE_LAG)) {
      return false;
    }
    for (ObjectNode m : manifests) {
      MemberObjectId id = MemberObjectId.of(m);
      if (ManagedObjectLister.informedResource(id).isEmpty() || !ManagedObjectLister.cacheSynced(member, id)) {
        continue;
      }
      Optional<ObjectNode> cached = ManagedObjectLister.cached(member, id);
      if (cached.isEmpty() || !MemberOwnership.isOwnedBy(cached.get(), bindingId)) {
        log.info("member object drifted work={} cluster={} object={} state={}", key.storeKey(), member.cluster(), id,
            cached.isEmpty() ? "missing" : MemberOwnership.describeOwner(cached.get()));
        return true;
      }
    }
    return false;
  }

  /** Deletes objects the Work applied before (its manifestStatuses) but no longer lists. */
  private void removeStale(ObjectNode work, MemberConnector member, List<ObjectNode> manifests, String bindingId) {
    Map<String, MemberObjectId> listed = new HashMap<>();
    manifests.forEach(m -> listed.put(MemberObjectId.of(m).objectKey(), MemberObjectId.of(m)));
    for (MemberObjectId previous : previousObjects(work)) {
      if (!listed.containsKey(previous.objectKey())) {
        deleter.deleteIfOwned(member, previous, bindingId, "no longer in Work " + ObjectMetas.namespace(work) + "/" + ObjectMetas.name(work));
      }
    }
  }

  private ArrayNode manifestStatuses(ObjectNode work, MemberConnector member, List<ObjectNode> manifests, String bindingId,
      Map<String, ManifestApplier.Result> results) {
    Map<String, JsonNode> previous = new HashMap<>();
    for (JsonNode e : work.path("status").path("manifestStatuses")) {
      previous.put(MemberObjectId.fromIdentifier(e.path("identifier")).objectKey(), e);
    }
    ArrayNode out = Json.NODES.arrayNode();
    for (int i = 0; i < manifests.size(); i++) {
      MemberObjectId id = MemberObjectId.of(manifests.get(i));
      ManifestApplier.Result result = results.get(id.objectKey());
      if (result instanceof ManifestApplier.Conflict) {
        out.add(ManifestStatuses.unknown(id, i)); // someone else's object: its state is not ours to report
        continue;
      }
      ObjectNode object = result instanceof ManifestApplier.Applied a ? a.object()
          : ManagedObjectLister.cached(member, id).filter(o -> MemberOwnership.isOwnedBy(o, bindingId)).orElse(null);
      if (object != null) {
        out.add(ManifestStatuses.of(id, i, object));
      } else if (previous.containsKey(id.objectKey())) {
        out.add(ManifestStatuses.carried(id, i, previous.get(id.objectKey())));
      } else {
        out.add(ManifestStatuses.unknown(id, i));
      }
    }
    return out;
  }

  /** A deleted Work: delete its objects from the member, then release the finalizer. */
  private Reconciler.Result finish(ObjectKey key, ObjectNode work, String cluster, MemberConnector member) {
    if (!finalizer.has(work)) {
      return Reconciler.Result.DONE;
    }
    if (member == null) {
      if (clusters.get("", cluster) == null) {
        finalizer.remove(work);
        applied.forget(key);
        log.info("work finalizer released work={} cluster={} reason=ClusterGone", key.storeKey(), cluster);
        return Reconciler.Result.DONE;
      }
      return Reconciler.Result.after(options.retryPeriod()); // wait for the connector
    }
    if (!member.currentHealth().isReady()) {
      return Reconciler.Result.after(options.retryPeriod());
    }
    String bindingId = bindingId(work);
    int deleted = 0;
    if (bindingId != null) {
      Map<String, MemberObjectId> objects = new LinkedHashMap<>();
      manifests(work).forEach(m -> objects.putIfAbsent(MemberObjectId.of(m).objectKey(), MemberObjectId.of(m)));
      previousObjects(work).forEach(id -> objects.putIfAbsent(id.objectKey(), id));
      for (MemberObjectId id : objects.values()) {
        if (deleter.deleteIfOwned(member, id, bindingId, "Work deleted")) {
          deleted++;
        }
      }
    }
    finalizer.remove(work);
    applied.forget(key);
    log.info("work finalizer released work={} cluster={} deleted={}", key.storeKey(), cluster, deleted);
    return Reconciler.Result.DONE;
  }

  /** A Work that does not exist: delete its objects if the sweeper confirmed them orphaned. */
  private Reconciler.Result removeOrphans(ObjectKey key, String cluster, MemberConnector member) {
    String bindingId = sweeper.confirmedOrphan(key);
    if (bindingId == null) {
      return Reconciler.Result.DONE;
    }
    if (member == null || !member.currentHealth().isReady() || !ManagedObjectLister.informersSynced(member)) {
      return Reconciler.Result.after(options.retryPeriod());
    }
    for (ManagedObjectLister.ManagedObject o : lister.list(member, bindingId)) {
      if (cluster.equals(o.clusterLabel())) {
        deleter.deleteIfOwned(member, o.id(), bindingId, "orphaned: Work " + key.storeKey() + " does not exist");
      }
    }
    sweeper.settled(key);
    return Reconciler.Result.DONE;
  }

  private static List<MemberObjectId> previousObjects(ObjectNode work) {
    List<MemberObjectId> out = new ArrayList<>();
    for (JsonNode e : work.path("status").path("manifestStatuses")) {
      if (e.path("identifier").isObject()) {
        out.add(MemberObjectId.fromIdentifier(e.get("identifier")));
      }
    }
    return out;
  }

  private static List<ObjectNode> manifests(ObjectNode work) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode m : work.path("spec").path("workload").path("manifests")) {
      if (m instanceof ObjectNode o) {
        out.add(o);
      }
    }
    return out;
  }

  /** The binding the Work comes from, as member objects name it; null when the Work does not say. */
  static String bindingId(ObjectNode work) {
    String ns = ObjectMetas.label(work, TidewaterLabels.BINDING_NAMESPACE);
    String name = ObjectMetas.label(work, TidewaterLabels.BINDING_NAME);
    return ns == null || name == null ? null : MemberOwnership.bindingId(ns, name);
  }

  /** Whether the informers this controller reads have synced. */
  public boolean hasSynced() {
    return works != null && works.hasSynced() && clusters.hasSynced();
  }

  @Override
  public void close() {
    if (housekeeping != null) {
      housekeeping.shutdownNow();
      try {
        housekeeping.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (watches != null) {
      watches.close();
    }
    runner.close();
  }
}
