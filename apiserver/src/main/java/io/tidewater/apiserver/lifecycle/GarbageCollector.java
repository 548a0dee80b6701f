package io.tidewater.apiserver.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CacheInformer;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.GcFinalizers;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.KeyLayout;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.apiserver.storage.WriteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector over ownerReferences: dependents of a deleted owner are deleted
 * (Background), deleted first (Foreground, via the {@code foregroundDeletion} finalizer), or
 * released (Orphan, via the {@code orphan} finalizer).
 *
 * <p>Absence from a cache is not deletion: before deleting a dependent as dangling, its owner is
 * looked up with a consistent read.
 */
public final class GarbageCollector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
  private static final String MANAGER = "tidewater-garbage-collector";

  /** One object, identified for the work queue. */
  record Ref(ResourceType type, String namespace, String name, String uid) {}

  private final Map<GroupVersionKind, RegistryStorage> byKind = new HashMap<>();
  private final Map<ResourceType, RegistryStorage> byType = new HashMap<>();
  private final Map<String, Set<Ref>> dependents = new ConcurrentHashMap<>();
  private final Map<String, List<String>> ownersOf = new ConcurrentHashMap<>();
  private final ControllerRunner<Ref> runner;
  private final List<CacheInformer> informers = new ArrayList<>();

  public GarbageCollector(List<RegistryStorage> storages) {
    for (RegistryStorage s : storages) {
      byKind.put(s.type().gvk(), s);
      byType.put(s.type(), s);
    }
    this.runner = new ControllerRunner<>("garbage-collector", new WorkQueue<>(), this::reconcile);
  }

  public GarbageCollector start() {
    runner.start(4);
    for (RegistryStorage s : byType.values()) {
      informers.add(new CacheInformer("gc-informer-" + s.type().resource(), s.cache(), ObjectFilter.all(), item -> observe(s.type(), item)).start());
    }
    return this;
  }

  private void observe(ResourceType type, WatchItem item) {
    ObjectNode obj = item.object().object();
    String uid = ObjectMetas.uid(obj);
    if (uid == null) {
      return;
    }
    Ref ref = new Ref(type, item.object().namespace(), item.object().name(), uid);
    if (item.type() == EventType.DELETED) {
      List<String> owners = ownersOf.remove(uid);
      if (owners != null) {
        owners.forEach(o -> {
          Set<Ref> deps = dependents.get(o);
          if (deps != null) {
            deps.remove(ref);
          }
        });
      }
      Set<Ref> deps = dependents.remove(uid);
      if (deps != null) {
        deps.forEach(runner.queue()::add);
      }
      return;
    }
    List<String> owners = new ArrayList<>();
    for (ObjectNode r : ObjectMetas.ownerReferences(obj)) {
      owners.add(r.path("uid").asText(""));
    }
    List<String> before = ownersOf.put(uid, owners);
    if (!Objects.equals(before, owners)) {
      if (before != null) {
        before.forEach(o -> {
          Set<Ref> deps = dependents.get(o);
          if (deps != null) {
            deps.remove(ref);
          }
        });
      }
      owners.forEach(o -> dependents.computeIfAbsent(o, k -> ConcurrentHashMap.newKeySet()).add(ref));
      if (!owners.isEmpty()) {
        runner.queue().add(ref);
      }
    }
    if (ObjectMetas.isDeleting(obj)) {
      List<String> fin = ObjectMetas.finalizers(obj);
      // A foreground owner polls its dependents until they are gone (see reconcile).
      if (fin.contains(GcFinalizers.FOREGROUND) || fin.contains(GcFinalizers.ORPHAN)) {
        runner.queue().add(ref);
      }
    }
  }

  Reconciler.Result reconcile(Ref ref) {
    RegistryStorage storage = byType.get(ref.type());
    CachedObject cur = storage.cache().get(KeyLayout.objectKey(ref.type().namespaced() ? ref.namespace() : null, ref.name()));
    if (cur == null || !ref.uid().equals(ObjectMetas.uid(cur.object()))) {
      return Reconciler.Result.DONE;
    }
    ObjectNode obj = cur.object();
    if (ObjectMetas.isDeleting(obj)) {
      List<String> fin = ObjectMetas.finalizers(obj);
      if (fin.contains(GcFinalizers.ORPHAN)) {
        orphanDependents(ref);
        removeFinalizer(storage, ref, GcFinalizers.ORPHAN);
        return Reconciler.Result.DONE;
      }
      if (fin.contains(GcFinalizers.FOREGROUND)) {
        Set<Ref> deps = Set.copyOf(dependents.getOrDefault(ref.uid(), Set.of()));
        boolean waiting = false;
        for (Ref d : deps) {
          CachedObject dep = byType.get(d.type()).cache().get(KeyLayout.objectKey(d.type().namespaced() ? d.namespace() : null, d.name()));
          if (dep == null || !d.uid().equals(ObjectMetas.uid(dep.object()))) {
            continue;
          }
          // Every dependent is deleted, but only those that block owner deletion hold the owner.
          if (blocksOwnerDeletion(dep.object(), ref.uid())) {
            waiting = true;
          }
          if (!ObjectMetas.isDeleting(dep.object())) {
            delete(d, "Foreground");
          }
        }
        if (waiting) {
          return Reconciler.Result.after(Duration.ofMillis(250));
        }
        removeFinalizer(storage, ref, GcFinalizers.FOREGROUND);
        return Reconciler.Result.DONE;
      }
    }
    List<ObjectNode> owners = ObjectMetas.ownerReferences(obj);
    if (owners.isEmpty()) {
      return Reconciler.Result.DONE;
    }
    List<String> absent = new ArrayList<>();
    boolean ownerDeletingInForeground = false;
    for (ObjectNode owner : owners) {
      OwnerState state = ownerState(owner, ref);
      if (state == OwnerState.ABSENT) {
        absent.add(owner.path("uid").asText());
      } else if (state == OwnerState.FOREGROUND_DELETING) {
        ownerDeletingInForeground = true;
      }
    }
    if (absent.size() == owners.size()) {
      if (!ObjectMetas.isDeleting(obj)) {
        log.info("deleting dependent of deleted owner resource={} namespace={} name={}", ref.type().resource(), ref.namespace(), ref.name());
        delete(ref, "Background");
      }
    } else if (!absent.isEmpty()) {
      removeOwnerReferences(storage, ref, absent);
    } else if (ownerDeletingInForeground && !ObjectMetas.isDeleting(obj)) {
      delete(ref, "Foreground");
    }
    return Reconciler.Result.DONE;
  }

  private static boolean blocksOwnerDeletion(ObjectNode dependent, String ownerUid) {
    for (ObjectNode r : ObjectMetas.ownerReferences(dependent)) {
      if (ownerUid.equals(r.path("uid").asText()) && r.path("blockOwnerDeletion").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private enum OwnerState {
    PRESENT,
    FOREGROUND_DELETING,
    ABSENT,
    UNKNOWN
  }

  private OwnerState ownerState(ObjectNode ownerRef, Ref dependent) {
    GroupVersionKind gvk = GroupVersionKind.of(ownerRef.path("apiVersion").asText(""), ownerRef.path("kind").asText(""));
    RegistryStorage s = byKind.get(gvk);
    if (s == null) {
      return OwnerState.UNKNOWN; // a kind we do not serve: never guess it is gone
    }
    String ns = s.type().namespaced() ? dependent.namespace() : null;
    if (s.type().namespaced() && ns == null) {
      return OwnerState.UNKNOWN;
    }
    try {
      CachedObject owner = s.get(ns, ownerRef.path("name").asText(""), GetOptions.LATEST);
      if (!ownerRef.path("uid").asText("").equals(ObjectMetas.uid(owner.object()))) {
        return OwnerState.ABSENT;
      }
      return ObjectMetas.isDeleting(owner.object()) && ObjectMetas.finalizers(owner.object()).contains(GcFinalizers.FOREGROUND)
          ? OwnerState.FOREGROUND_DELETING
          : OwnerState.PRESENT;
    } catch (ApiException e) {
      if (e.code() == 404) {
        return OwnerState.ABSENT;
      }
      throw e;
    }
  }

  private void delete(Ref ref, String propagation) {
    try {
      byType.get(ref.type()).delete(ref.namespace(), ref.name(), new DeleteOptions(false, propagation, null, ref.uid(), null));
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  private void orphanDependents(Ref owner) {
    for (Ref d : Set.copyOf(dependents.getOrDefault(owner.uid(), Set.of()))) {
      removeOwnerReferences(byType.get(d.type()), d, List.of(owner.uid()));
    }
  }

  private void removeOwnerReferences(RegistryStorage storage, Ref ref, List<String> uids) {
    try {
      storage.update(ref.namespace(), ref.name(), current -> {
        if (!ref.uid().equals(ObjectMetas.uid(current))) {
          return current;
        }
        JsonNode refs = current.path("metadata").path("ownerReferences");
        ArrayNode kept = Json.NODES.arrayNode();
        refs.forEach(r -> {
          if (!uids.contains(r.path("uid").asText())) {
            kept.add(r);
          }
        });
        if (kept.isEmpty()) {
          ObjectMetas.metadata(current).remove("ownerReferences");
        } else {
          ObjectMetas.metadata(current).set("ownerReferences", kept);
        }
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(MANAGER));
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void removeFinalizer(RegistryStorage storage, Ref ref, String finalizer) {
    try {
      storage.update(ref.namespace(), ref.name(), current -> {
        List<String> fin = new ArrayList<>(ObjectMetas.finalizers(current));
        fin.remove(finalizer);
        ObjectMetas.setFinalizers(current, fin);
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(MANAGER));
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    informers.forEach(CacheInformer::close);
    runner.close();
  }
}
