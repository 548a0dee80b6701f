package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.apiserver.builtin.support.Labels;
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
import io.tidewater.simulator.pods.PodConditions;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.storage.MemberStorages;
import io.tidewater.simulator.storage.SameJson;
import io.tidewater.simulator.storage.WriteTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' ReplicaSet controller: keeps {@code spec.replicas} active pods (neither finished nor
 * terminating) of the template, adopting matching orphans and releasing pods that stop matching,
 * deleting the least useful pods first (see {@link PodDeletionOrder}), and reports replicas, fully
 * labelled, ready and available (ready for {@code minReadySeconds}) pods.
 */
public final class ReplicaSetController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaSetController.class);
  static final String MANAGER = "replicaset-controller";
  static final String KIND = "ReplicaSet";

  private final String cluster;
  private final MemberStorages storages;
  private final RegistryStorage replicaSets;
  private final RegistryStorage pods;
  private final EventRecorder events;
  private final Clock clock;
  private final ControllerRunner<String> runner;
  private final List<CacheInformer> informers = new ArrayList<>();

  public ReplicaSetController(String cluster, MemberStorages storages, EventRecorder events, Clock clock) {
    this.cluster = cluster;
    this.storages = storages;
    this.replicaSets = storages.replicaSets();
    this.pods = storages.pods();
    this.events = events;
    this.clock = clock;
    this.runner = new ControllerRunner<>("replicaset-controller-" + cluster, new WorkQueue<>(), this::reconcile);
  }

  public ReplicaSetController start() {
    runner.start(4);
    informers.add(new CacheInformer("replicaset-controller-rs-" + cluster, replicaSets.cache(), ObjectFilter.all(),
        item -> runner.queue().add(item.object().objectKey())).start());
    informers.add(new CacheInformer("replicaset-controller-pods-" + cluster, pods.cache(), ObjectFilter.all(), this::onPod).start());
    return this;
  }

  private void onPod(WatchItem item) {
    ObjectNode pod = item.object().object();
    String owner = OwnerReferences.controllerName(pod, KIND);
    if (owner != null) {
      runner.queue().add(item.object().namespace() + "/" + owner);
    } else if (Pods.controllerRef(pod) == null && !Pods.isTerminating(pod)) {
      // An orphan: any ReplicaSet of its namespace that selects it may adopt it.
      for (CachedObject rs : replicaSets.cache().list(namespaceFilter(item.object().namespace())).items()) {
        if (selector(rs.object()).matches(item.object().labels())) {
          runner.queue().add(rs.objectKey());
        }
      }
    }
  }

  static ObjectFilter namespaceFilter(String namespace) {
    return new ObjectFilter(namespace, LabelSelector.EVERYTHING, io.tidewater.api.selection.FieldSelector.EVERYTHING, (o, f) -> "");
  }

  static LabelSelector selector(ObjectNode workload) {
    try {
      return LabelSelector.fromObject(workload.path("spec").get("selector"));
    } catch (IllegalArgumentException e) {
      return LabelSelector.NOTHING;
    }
  }

  Reconciler.Result reconcile(String key) {
    CachedObject cached = replicaSets.cache().get(key);
    if (cached == null) {
      return Reconciler.Result.DONE;
    }
    ObjectNode rs = cached.object();
    String ns = ObjectMetas.namespace(rs);
    String uid = ObjectMetas.uid(rs);
    boolean deleting = ObjectMetas.isDeleting(rs);
    LabelSelector selector = selector(rs);
    WriteTracker writes = new WriteTracker(storages);
    Instant now = clock.instant();
    List<ObjectNode> owned = new ArrayList<>();
    for (CachedObject p : pods.list(ns, ListOptions.everything().withResourceVersion0()).items()) {
      String controller = p.controllerUid();
      boolean matches = selector.matches(p.labels());
      if (!matches && !uid.equals(controller)) {
        continue; // neither ours nor one to adopt: do not decode it
      }
      ObjectNode pod = p.object();
      if (uid.equals(controller)) {
        if (matches) {
          owned.add(pod);
        } else if (!deleting) {
          OwnerChanges.release(pods, pod, uid, MANAGER, writes);
        }
      } else if (controller == null && matches && !deleting && !Pods.isTerminating(pod)) {
        ObjectNode adopted = OwnerChanges.adopt(pods, pod, OwnerReferences.controllerRef(rs, "apps/v1", KIND), MANAGER, writes);
        if (adopted != null) {
          owned.add(adopted);
        }
      }
    }
    List<ObjectNode> active = new ArrayList<>();
    for (ObjectNode p : owned) {
      if (Pods.isActive(p)) {
        active.add(p);
      }
    }
    int replicas = (int) rs.path("spec").path("replicas").asLong(1);
    int diff = active.size() - replicas;
    int created = 0;
    ApiException createFailure = null;
    List<ObjectNode> remaining = new ArrayList<>(active);
    if (!deleting && diff < 0) {
      JsonNode template = rs.path("spec").path("template");
      ObjectNode ref = OwnerReferences.controllerRef(rs, "apps/v1", KIND);
      for (int i = 0; i < -diff; i++) {
        try {
          ObjectNode pod = PodsFromTemplate.pod(template, ns, null, ObjectMetas.name(rs) + "-", ref);
          ObjectNode made = writes.wrote(pods.create(ns, pod, WriteOptions.of(MANAGER)));
          created++;
          events.normal(rs, "SuccessfulCreate", "Created pod: " + ObjectMetas.name(made), MANAGER);
        } catch (ApiException e) {
          createFailure = e; // stop at the first failure, as the slow-start batches do
          events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage(), MANAGER);
          break;
        }
      }
    } else if (!deleting && diff > 0) {
      for (ObjectNode victim : PodDeletionOrder.rank(active).subList(0, diff)) {
        try {
          ObjectNode gone = pods.delete(ns, ObjectMetas.name(victim), new DeleteOptions(false, null, null, ObjectMetas.uid(victim), null)).object();
          writes.wrote(gone);
          events.normal(rs, "SuccessfulDelete", "Deleted pod: " + ObjectMetas.name(victim), MANAGER);
        } catch (ApiException e) {
          if (e.code() != 404 && e.code() != 409) {
            throw e;
          }
        }
        remaining.remove(victim);
      }
    }
    long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
    Map<String, String> templateLabels = Labels.map(rs.path("spec").path("template").path("metadata").path("labels"));
    int fullyLabeled = created;
    int ready = 0;
    int available = 0;
    Instant nextAvailable = null;
    for (ObjectNode p : remaining) {
      if (ObjectMetas.labels(p).entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (Pods.isReady(p)) {
        ready++;
        if (Pods.isAvailable(p, minReady, now)) {
          available++;
        } else {
          Instant at = Pods.availableAt(p, minReady);
          nextAvailable = nextAvailable == null || at.isBefore(nextAvailable) ? at : nextAvailable;
        }
      }
    }
    ObjectNode status = Json.object();
    status.put("replicas", remaining.size() + created);
    putIfPositive(status, "fullyLabeledReplicas", fullyLabeled);
    putIfPositive(status, "readyReplicas", ready);
    putIfPositive(status, "availableReplicas", available);
    status.put("observedGeneration", ObjectMetas.generation(rs));
    ArrayNode conditions = conditions(rs, createFailure, now);
    if (!conditions.isEmpty()) {
      status.set("conditions", conditions);
    }
    if (!SameJson.same(status, rs.get("status"))) {
      try {
        writes.wrote(replicaSets.update(ns, ObjectMetas.name(rs), current -> {
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
    writes.awaitVisible();
    if (createFailure != null) {
      throw createFailure; // retried with back-off
    }
    if (nextAvailable != null) {
      return Reconciler.Result.after(Duration.between(now, nextAvailable).plusMillis(100));
    }
    return Reconciler.Result.DONE;
  }

  private static void putIfPositive(ObjectNode o, String field, int v) {
    if (v > 0) {
      o.put(field, v);
    }
  }

  /** The ReplicaFailure condition while pods cannot be created; none otherwise. */
  private static ArrayNode conditions(ObjectNode rs, ApiException failure, Instant now) {
    ArrayNode out = Json.NODES.arrayNode();
    if (failure == null) {
      return out;
    }
    ObjectNode c = out.addObject();
    c.put("type", "ReplicaFailure");
    c.put("status", "True");
    c.put("lastTransitionTime", ObjectMetas.timestamp(now));
    for (JsonNode old : rs.path("status").path("conditions")) {
      if ("ReplicaFailure".equals(old.path("type").asText()) && "True".equals(old.path("status").asText())) {
        c.set("lastTransitionTime", old.get("lastTransitionTime"));
      }
    }
    c.put("reason", "FailedCreate");
    c.put("message", failure.getMessage());
    return out;
  }

  @Override
  public void close() {
    informers.forEach(CacheInformer::close);
    runner.close();
    log.debug("replicaset controller stopped cluster={}", cluster);
  }
}
