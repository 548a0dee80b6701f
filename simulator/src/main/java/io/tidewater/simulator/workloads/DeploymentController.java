package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.apiserver.storage.CacheInformer;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ObjectFilter;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WatchItem;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.storage.MemberStorages;
import io.tidewater.simulator.storage.WriteTracker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' Deployment controller: Deployments own ReplicaSets, one per pod template
 * ({@code pod-template-hash}), and roll between them (see {@link DeploymentSync}). Adopts matching
 * orphan ReplicaSets and releases those that stop matching.
 */
public final class DeploymentController implements AutoCloseable {
  static final String MANAGER = "deployment-controller";
  private static final String KIND = "Deployment";

  private final String cluster;
  private final MemberStorages storages;
  private final RegistryStorage deployments;
  private final RegistryStorage replicaSets;
  private final RegistryStorage pods;
  private final EventRecorder events;
  private final Clock clock;
  private final ControllerRunner<String> runner;
  private final List<CacheInformer> informers = new ArrayList<>();

  public DeploymentController(String cluster, MemberStorages storages, EventRecorder events, Clock clock) {
    this.cluster = cluster;
    this.storages = storages;
    this.deployments = storages.deployments();
    this.replicaSets = storages.replicaSets();
    this.pods = storages.pods();
    this.events = events;
    this.clock = clock;
    this.runner = new ControllerRunner<>("deployment-controller-" + cluster, new WorkQueue<>(), this::reconcile);
  }

  public DeploymentController start() {
    runner.start(4);
    informers.add(new CacheInformer("deployment-controller-deployments-" + cluster, deployments.cache(), ObjectFilter.all(),
        item -> runner.queue().add(item.object().objectKey())).start());
    informers.add(new CacheInformer("deployment-controller-rs-" + cluster, replicaSets.cache(), ObjectFilter.all(), this::onReplicaSet).start());
    informers.add(new CacheInformer("deployment-controller-pods-" + cluster, pods.cache(), ObjectFilter.all(), this::onPod).start());
    return this;
  }

  private void onReplicaSet(WatchItem item) {
    ObjectNode rs = item.object().object();
    String owner = OwnerReferences.controllerName(rs, KIND);
    if (owner != null) {
      runner.queue().add(item.object().namespace() + "/" + owner);
    } else if (Pods.controllerRef(rs) == null) {
      for (CachedObject d : deployments.cache().list(ReplicaSetController.namespaceFilter(item.object().namespace())).items()) {
        if (ReplicaSetController.selector(d.object()).matches(item.object().labels())) {
          runner.queue().add(d.objectKey());
        }
      }
    }
  }

  /** A deleted pod can let a Recreate rollout go on: its deployment looks again. */
  private void onPod(WatchItem item) {
    if (item.type() != EventType.DELETED) {
      return;
    }
    String rsName = OwnerReferences.controllerName(item.object().object(), ReplicaSetController.KIND);
    if (rsName == null) {
      return;
    }
    CachedObject rs = replicaSets.cache().get(item.object().namespace() + "/" + rsName);
    String owner = rs == null ? null : OwnerReferences.controllerName(rs.object(), KIND);
    if (owner != null) {
      runner.queue().add(item.object().namespace() + "/" + owner);
    }
  }

  Reconciler.Result reconcile(String key) {
    CachedObject cached = deployments.cache().get(key);
    if (cached == null) {
      return Reconciler.Result.DONE;
    }
    ObjectNode dep = cached.object();
    WriteTracker writes = new WriteTracker(storages);
    List<ReplicaSetView> owned = ownedReplicaSets(dep, writes);
    Reconciler.Result result = new DeploymentSync(deployments, replicaSets, pods, events, writes, clock.instant(), dep, owned).run();
    writes.awaitVisible();
    return result;
  }

  private List<ReplicaSetView> ownedReplicaSets(ObjectNode dep, WriteTracker writes) {
    String uid = ObjectMetas.uid(dep);
    boolean deleting = ObjectMetas.isDeleting(dep);
    LabelSelector selector = ReplicaSetController.selector(dep);
    List<ReplicaSetView> owned = new ArrayList<>();
    for (CachedObject o : replicaSets.list(ObjectMetas.namespace(dep), ListOptions.everything().withResourceVersion0()).items()) {
      String controller = o.controllerUid();
      boolean matches = !selector.isEverything() && selector.matches(o.labels());
      if (!matches && !uid.equals(controller)) {
        continue;
      }
      ObjectNode rs = o.object();
      if (uid.equals(controller)) {
        if (matches || deleting) {
          owned.add(new ReplicaSetView(rs));
        } else {
          OwnerChanges.release(replicaSets, rs, uid, MANAGER, writes);
        }
      } else if (controller == null && matches && !deleting && !ObjectMetas.isDeleting(rs)) {
        ObjectNode adopted = OwnerChanges.adopt(replicaSets, rs, OwnerReferences.controllerRef(dep, "apps/v1", KIND), MANAGER, writes);
        if (adopted != null) {
          owned.add(new ReplicaSetView(adopted));
        }
      }
    }
    return owned;
  }

  @Override
  public void close() {
    informers.forEach(CacheInformer::close);
    runner.close();
  }
}
