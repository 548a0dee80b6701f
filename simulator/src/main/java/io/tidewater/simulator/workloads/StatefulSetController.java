package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CacheInformer;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.storage.MemberStorages;
import io.tidewater.simulator.storage.SameJson;
import io.tidewater.simulator.storage.WriteTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' StatefulSet controller: pods named by ordinal from {@code spec.ordinals.start};
 * OrderedReady creates them one at a time in order, each waiting for its predecessors to be
 * Running and Ready, and removes them from the highest ordinal down; Parallel does both at once.
 * RollingUpdate replaces pods from the highest ordinal down to {@code partition}, one at a time and
 * each once its successor is healthy, so exactly {@code partition} pods stay on the old revision;
 * OnDelete replaces pods only when someone deletes them. Revisions live in ControllerRevisions.
 */
public final class StatefulSetController implements AutoCloseable {
  static final String MANAGER = "statefulset-controller";
  private static final String KIND = "StatefulSet";

  private final String cluster;
  private final MemberStorages storages;
  private final RegistryStorage sets;
  private final RegistryStorage pods;
  private final RegistryStorage revisions;
  private final EventRecorder events;
  private final Clock clock;
  private final ControllerRunner<String> runner;
  private final List<CacheInformer> informers = new ArrayList<>();

  public StatefulSetController(String cluster, MemberStorages storages, EventRecorder events, Clock clock) {
    this.cluster = cluster;
    this.storages = storages;
    this.sets = storages.statefulSets();
    this.pods = storages.pods();
    this.revisions = storages.controllerRevisions();
    this.events = events;
    this.clock = clock;
    this.runner = new ControllerRunner<>("statefulset-controller-" + cluster, new WorkQueue<>(), this::reconcile);
  }

  public StatefulSetController start() {
    runner.start(2);
    informers.add(new CacheInformer("statefulset-controller-sets-" + cluster, sets.cache(), ObjectFilter.all(),
        item -> runner.queue().add(item.object().objectKey())).start());
    informers.add(new CacheInformer("statefulset-controller-pods-" + cluster, pods.cache(), ObjectFilter.all(), this::onPod).start());
    return this;
  }

  private void onPod(WatchItem item) {
    String owner = OwnerReferences.controllerName(item.object().object(), KIND);
    if (owner != null) {
      runner.queue().add(item.object().namespace() + "/" + owner);
    } else if (Pods.controllerRef(item.object().object()) == null) {
      for (CachedObject s : sets.cache().list(ReplicaSetController.namespaceFilter(item.object().namespace())).items()) {
        if (StatefulSetPods.isMemberOf(s.name(), item.object().object()) && ReplicaSetController.selector(s.object()).matches(item.object().labels())) {
          runner.queue().add(s.objectKey());
        }
      }
    }
  }

  Reconciler.Result reconcile(String key) {
    CachedObject cached = sets.cache().get(key);
    if (cached == null) {
      return Reconciler.Result.DONE;
    }
    ObjectNode set = cached.object();
    WriteTracker writes = new WriteTracker(storages);
    Instant now = clock.instant();
    List<ObjectNode> owned = ownedPods(set, writes);
    List<ObjectNode> history = ownedRevisions(set);
    StatefulSetRevisions.Resolved revs = StatefulSetRevisions.resolve(set, history, revisions, MANAGER, writes);
    ObjectNode status = new StatefulSetSync(set, revs, owned, now, pods, events, writes).run();
    if (!SameJson.same(status, set.get("status"))) {
      String uid = ObjectMetas.uid(set);
      try {
        writes.wrote(sets.update(ObjectMetas.namespace(set), ObjectMetas.name(set), current -> {
          if (uid.equals(ObjectMetas.uid(current))) {
            current.set("status", status);
          }
          ObjectMetas.setResourceVersion(current, null);
          return current;
        }, WriteOptions.of(MANAGER).forSubresource("status")).object());
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    truncateHistory(set, owned, history, revs, writes);
    writes.awaitVisible();
    return requeueForAvailability(set, owned, now);
  }

  private List<ObjectNode> ownedPods(ObjectNode set, WriteTracker writes) {
    String uid = ObjectMetas.uid(set);
    String name = ObjectMetas.name(set);
    boolean deleting = ObjectMetas.isDeleting(set);
    LabelSelector selector = ReplicaSetController.selector(set);
    List<ObjectNode> owned = new ArrayList<>();
    for (CachedObject p : pods.list(ObjectMetas.namespace(set), ListOptions.everything().withResourceVersion0()).items()) {
      ObjectNode pod = p.object();
      String controller = Pods.controllerUid(pod);
      boolean matches = selector.matches(p.labels()) && StatefulSetPods.isMemberOf(name, pod);
      if (uid.equals(controller)) {
        if (matches || deleting) {
          owned.add(pod);
        } else {
          OwnerChanges.release(pods, pod, uid, MANAGER, writes);
        }
      } else if (controller == null && matches && !deleting && !Pods.isTerminating(pod)) {
        ObjectNode adopted = OwnerChanges.adopt(pods, pod, OwnerReferences.controllerRef(set, "apps/v1", KIND), MANAGER, writes);
        if (adopted != null) {
          owned.add(adopted);
        }
      }
    }
    return owned;
  }

  private List<ObjectNode> ownedRevisions(ObjectNode set) {
    String uid = ObjectMetas.uid(set);
    List<ObjectNode> out = new ArrayList<>();
    for (CachedObject r : revisions.list(ObjectMetas.namespace(set), ListOptions.everything().withResourceVersion0()).items()) {
      if (uid.equals(Pods.controllerUid(r.object()))) {
        out.add(r.object());
      }
    }
    return out;
  }

  /** Deletes revisions beyond {@code revisionHistoryLimit} that no pod and neither status revision uses. */
  private void truncateHistory(ObjectNode set, List<ObjectNode> owned, List<ObjectNode> history, StatefulSetRevisions.Resolved revs, WriteTracker writes) {
    Set<String> live = new HashSet<>();
    live.add(ObjectMetas.name(revs.current()));
    live.add(ObjectMetas.name(revs.update()));
    owned.forEach(p -> live.add(StatefulSetPods.revision(p)));
    List<ObjectNode> old = new ArrayList<>();
    for (ObjectNode r : history) {
      if (!live.contains(ObjectMetas.name(r))) {
        old.add(r);
      }
    }
    int limit = set.path("spec").path("revisionHistoryLimit").asInt(10);
    if (old.size() <= limit) {
      return;
    }
    old.sort((a, b) -> Long.compare(StatefulSetRevisions.number(a), StatefulSetRevisions.number(b)));
    for (ObjectNode r : old.subList(0, old.size() - limit)) {
      try {
        writes.wrote(revisions.delete(ObjectMetas.namespace(r), ObjectMetas.name(r), new DeleteOptions(false, null, null, ObjectMetas.uid(r), null)).object());
      } catch (ApiException e) {
        if (e.code() != 404 && e.code() != 409) {
          throw e;
        }
      }
    }
  }

  /** With minReadySeconds, a ready pod becomes available later without any event: look again then. */
  private static Reconciler.Result requeueForAvailability(ObjectNode set, List<ObjectNode> owned, Instant now) {
    long minReady = set.path("spec").path("minReadySeconds").asLong(0);
    if (minReady <= 0) {
      return Reconciler.Result.DONE;
    }
    Instant next = null;
    for (ObjectNode p : owned) {
      if (Pods.isReady(p) && !Pods.isAvailable(p, minReady, now)) {
        Instant at = Pods.availableAt(p, minReady);
        next = next == null || at.isBefore(next) ? at : next;
      }
    }
    return next == null ? Reconciler.Result.DONE : Reconciler.Result.after(Duration.between(now, next).plusMillis(100));
  }

  @Override
  public void close() {
    informers.forEach(CacheInformer::close);
    runner.close();
  }
}
