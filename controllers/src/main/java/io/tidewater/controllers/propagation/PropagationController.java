package io.tidewater.controllers.propagation;

import io.tidewater.controllers.cluster.ClusterChanges;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.json.JsonValues;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.policy.OverridePolicy;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.detector.WorkloadInspector;
import io.tidewater.controllers.placement.ClusterInfos;
import io.tidewater.controllers.rollout.FleetRollout;
import io.tidewater.controllers.rollout.PodTemplateHash;
import io.tidewater.controllers.rollout.RolloutRevision;
import io.tidewater.controllers.rollout.RolloutStages;
import io.tidewater.controllers.rollout.StageState;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.controllers.runtime.Templates;
import io.tidewater.scheduler.model.ClusterInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binding to Works: for every target cluster of a ResourceBinding, one {@code Work} in the
 * cluster's execution namespace holding the rendered manifest (its replicas, overrides,
 * Tidewater's labels) and its dependencies. Works of clusters no longer targeted are deleted; a
 * deleted binding deletes its Works before its finalizer is released.
 */
public final class PropagationController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PropagationController.class);
  public static final String MANAGER = "tidewater-propagator";
  public static final String FINALIZER = "tidewater.io/propagation";
  public static final GroupVersionKind WORK = new GroupVersionKind("work.tidewater.io", "v1alpha1", "Work");
  public static final GroupVersionKind OVERRIDE_POLICY = new GroupVersionKind("policy.tidewater.io", "v1alpha1", "OverridePolicy");
  public static final GroupVersionKind CLUSTER = new GroupVersionKind("cluster.tidewater.io", "v1alpha1", "Cluster");
  /**
   * Annotation on Works: the binding's {@code conflictResolution} (Abort or Overwrite), which the
   * execution controller applies to member objects that exist without Tidewater's labels.
   */
  public static final String CONFLICT_RESOLUTION_ANNOTATION = "tidewater.io/conflict-resolution";

  private final FederationClient client;
  private final ControllerRunner<ObjectKey> runner;
  private final Map<GroupVersionKind, ObjectInformer> templates = new HashMap<>();
  private ObjectInformer bindings;
  private ObjectInformer works;
  private ObjectInformer overrides;
  private ObjectInformer clusters;
  private ObjectInformer namespaces;

  public PropagationController(FederationClient client) {
    this.client = client;
    this.runner = new ControllerRunner<>("propagator", new WorkQueue<>(), this::reconcile);
  }

  public PropagationController start() {
    bindings = client.inform(BindingDetector.BINDING).onChange(c -> runner.queue().add(c.key(), c.specChanged()));
    works = client.inform(WORK).onChange(c -> {
      ObjectNode w = c.after() != null ? c.after() : c.before();
      String ns = ObjectMetas.label(w, TidewaterLabels.BINDING_NAMESPACE);
      String name = ObjectMetas.label(w, TidewaterLabels.BINDING_NAME);
      if (ns != null && name != null) {
        runner.queue().add(ObjectKey.of(BindingDetector.BINDING, ns, name));
      }
    });
    for (GroupVersionKind k : Templates.ALL) {
      templates.put(k, client.inform(k).onChange(c -> templateChanged(c.key())));
    }
    overrides = client.inform(OVERRIDE_POLICY).onChange(c -> requeueNamespace(c.key().namespace()));
    clusters = client.inform(CLUSTER).onChange(c -> {
      if (ClusterChanges.affectsPlacement(c)) {
        requeueAll();
      }
    });
    namespaces = client.inform(Templates.NAMESPACE);
    runner.start(4);
    return this;
  }

  private void templateChanged(ObjectKey key) {
    runner.queue().add(ObjectKey.of(BindingDetector.BINDING, key.namespace(), BindingDetector.bindingName(key.name(), key.kind().kind())));
    if (key.kind().equals(Templates.CONFIGMAP) || key.kind().equals(Templates.SECRET) || key.kind().equals(Templates.SERVICEACCOUNT)) {
      requeueNamespace(key.namespace()); // dependents of a dependency
    }
  }

  private void requeueNamespace(String namespace) {
    if (bindings == null) {
      return;
    }
    for (ObjectNode b : bindings.list(namespace)) {
      runner.queue().add(ObjectKey.of(BindingDetector.BINDING, namespace, ObjectMetas.name(b)));
    }
  }

  private void requeueAll() {
    if (bindings == null) {
      return;
    }
    bindings.keys().forEach(runner.queue()::add);
  }

  private boolean synced() {
    return bindings.hasSynced() && works.hasSynced() && overrides.hasSynced() && clusters.hasSynced() && namespaces.hasSynced()
        && templates.values().stream().allMatch(ObjectInformer::hasSynced);
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!synced()) {
      return Reconciler.Result.after(Duration.ofMillis(200));
    }
    ObjectNode binding = bindings.get(key.namespace(), key.name());
    List<ObjectNode> existing = worksOf(key.namespace(), key.name());
    if (binding == null) {
      // Orphans: only ever acted on with synced caches (checked above).
      existing.forEach(w -> client.delete(WORK, ObjectMetas.namespace(w), ObjectMetas.name(w)));
      return Reconciler.Result.DONE;
    }
    if (ObjectMetas.isDeleting(binding)) {
      existing.forEach(w -> client.delete(WORK, ObjectMetas.namespace(w), ObjectMetas.name(w)));
      if (existing.isEmpty()) {
        releaseFinalizer(binding);
        return Reconciler.Result.DONE;
      }
      return Reconciler.Result.after(Duration.ofMillis(500));
    }
    if (!ObjectMetas.finalizers(binding).contains(FINALIZER)) {
      ObjectNode f = header(binding);
      ObjectMetas.metadata(f).putArray("finalizers").add(FINALIZER);
      client.apply(f, MANAGER);
    }
    JsonNode ref = binding.path("spec").path("resource");
    GroupVersionKind kind = GroupVersionKind.of(ref.path("apiVersion").asText(), ref.path("kind").asText());
    ObjectInformer templateInformer = templates.get(kind);
    ObjectNode template = templateInformer == null ? null : templateInformer.get(ref.path("namespace").asText(""), ref.path("name").asText());
    if (template == null || !ref.path("uid").asText().equals(ObjectMetas.uid(template))) {
      return Reconciler.Result.DONE; // the template is going; its binding follows through garbage collection
    }
    Map<String, Integer> targets = targets(binding);
    List<OverridePolicy> policies = new ArrayList<>();
    for (ObjectNode o : overrides.list(key.namespace())) {
      policies.add(TidewaterJson.decode(o, OverridePolicy.class));
    }
    String bindingId = key.namespace() + "." + key.name();
    Map<String, ObjectNode> existingByCluster = new LinkedHashMap<>();
    existing.forEach(w -> existingByCluster.put(Work.clusterOf(ObjectMetas.namespace(w)), w));
    List<Runnable> writes = new ArrayList<>();
    Map<String, ArrayNode> manifestsByCluster = new LinkedHashMap<>();
    List<FleetRollout.MemberManifests> workloads = new ArrayList<>();
    Map<String, JsonNode> memberStatus = new LinkedHashMap<>();
    for (JsonNode a : binding.path("status").path("aggregatedStatus")) {
      memberStatus.put(a.path("clusterName").asText(), a.path("status"));
    }
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      String cluster = t.getKey();
      ObjectNode clusterObj = clusters.get("", cluster);
      if (clusterObj == null) {
        continue; // unknown cluster: the scheduler will move the replicas
      }
      ClusterInfo info = ClusterInfos.from(clusterObj);
      ArrayNode manifests = Json.NODES.arrayNode();
      Integer replicas = WorkloadInspector.hasReplicas(template) ? t.getValue() : null;
      ObjectNode rendered = OverrideApplier.apply(ManifestRenderer.render(template, replicas, bindingId, cluster), template, policies, info);
      manifests.add(rendered);
      if (binding.path("spec").path("propagateDeps").asBoolean(false)) {
        for (WorkloadInspector.Dependency d : WorkloadInspector.dependencies(WorkloadInspector.podSpec(template))) {
          ObjectNode dep = dependency(key.namespace(), d);
          if (dep != null) {
            manifests.add(OverrideApplier.apply(ManifestRenderer.render(dep, null, bindingId, cluster), dep, policies, info));
          }
        }
      }
      manifestsByCluster.put(cluster, manifests);
      ObjectNode current = existingByCluster.get(cluster);
      JsonNode currentWorkload = current == null ? null : current.path("spec").path("workload").path("manifests").path(0);
      workloads.add(new FleetRollout.MemberManifests(cluster, replicas == null ? 0 : replicas, rendered,
          currentWorkload instanceof ObjectNode o ? o : null, memberStatus.get(cluster)));
    }
    String revision = RolloutRevision.of(template);
    java.util.Set<String> admitted = RolloutStages.stagedBinding(binding, template) ? StageState.admitted(binding, revision) : null;
    if (WorkloadInspector.hasReplicas(template)) {
      // one rollout budget for the whole fleet, within the stages admitted so far
      FleetRollout.shape(template, workloads, admitted);
    } else {
      holdUnadmitted(manifestsByCluster, existingByCluster, admitted, revision);
    }
    for (Map.Entry<String, ArrayNode> t : manifestsByCluster.entrySet()) {
      String cluster = t.getKey();
      ArrayNode manifests = t.getValue();
      Integer replicas = WorkloadInspector.hasReplicas(template) ? targets.get(cluster) : null;
      ObjectNode current = existingByCluster.remove(cluster);
      // A Work written under an earlier naming keeps its name: a second one would fight it over the member's objects.
      String name = current != null ? ObjectMetas.name(current) : Work.nameFor(key.namespace(), key.name());
      ObjectNode work = work(key, name, cluster, manifests, binding.path("spec").path("conflictResolution").asText(null));
      if (current == null || !JsonValues.equal(current.path("spec").path("workload"), work.path("spec").path("workload")) || !hasMetadataEntries(current, work, "labels")
          || !hasMetadataEntries(current, work, "annotations")) {
        if (current != null && log.isDebugEnabled()) {
          log.debug("work differs binding={} cluster={} current={} desired={}", bindingId, cluster, current.path("spec").path("workload"),
              work.path("spec").path("workload"));
        }
        writes.add(() -> {
          ensureNamespace(Work.executionNamespace(cluster));
          client.apply(work, MANAGER);
          log.info("work applied binding={} cluster={} replicas={}", bindingId, cluster, replicas);
        });
      }
    }
    for (Map.Entry<String, ObjectNode> stale : existingByCluster.entrySet()) {
      writes.add(() -> {
        client.delete(WORK, ObjectMetas.namespace(stale.getValue()), ObjectMetas.name(stale.getValue()));
        log.info("work deleted binding={} cluster={}", bindingId, stale.getKey());
      });
    }
    writeAll(writes);
    return Reconciler.Result.DONE;
  }

  /**
   * Runs one binding's Work writes at once, one virtual thread each: they touch different
   * objects, and a binding spread over many clusters would otherwise wait for each round trip in
   * turn. The first failure is rethrown after all have finished, so the runner retries the binding.
   */
  /**
   * Staged propagation of a plain object (a ConfigMap, Secret, Service): each member's manifest is
   * tagged with the content's revision, and a member whose stage has not been reached keeps what
   * its Work already carries.
   */
  private static void holdUnadmitted(Map<String, ArrayNode> manifestsByCluster, Map<String, ObjectNode> existingByCluster, java.util.Set<String> admitted,
      String revision) {
    for (Map.Entry<String, ArrayNode> m : manifestsByCluster.entrySet()) {
      if (m.getValue().path(0) instanceof ObjectNode rendered) {
        ObjectMetas.setAnnotation(rendered, PodTemplateHash.ANNOTATION, revision);
      }
      ObjectNode current = existingByCluster.get(m.getKey());
      if (admitted != null && !admitted.contains(m.getKey()) && current != null
          && current.path("spec").path("workload").path("manifests") instanceof ArrayNode held && !held.isEmpty()) {
        m.setValue(held.deepCopy());
      }
    }
  }

  private static void writeAll(List<Runnable> writes) {
    if (writes.size() <= 1) {
      writes.forEach(Runnable::run);
      return;
    }
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      writes.forEach(w -> done.add(executor.submit(w)));
    }
    for (java.util.concurrent.Future<?> f : done) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing Works", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Target clusters: those with replicas for workloads; every listed cluster for other objects. */
  static Map<String, Integer> targets(ObjectNode binding) {
    boolean plain = WorkloadInspector.plainBinding(binding);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (JsonNode t : binding.path("spec").path("clusters")) {
      int r = t.path("replicas").asInt(0);
      if (plain || r > 0) {
        out.put(t.path("name").asText(), r);
      }
    }
    return out;
  }

  private ObjectNode dependency(String namespace, WorkloadInspector.Dependency d) {
    GroupVersionKind k = switch (d.kind()) {
      case "ConfigMap" -> Templates.CONFIGMAP;
      case "Secret" -> Templates.SECRET;
      default -> Templates.SERVICEACCOUNT;
    };
    return templates.get(k).get(namespace, d.name());
  }

  private List<ObjectNode> worksOf(String bindingNamespace, String bindingName) {
    return works.listWithLabels(Map.of(TidewaterLabels.BINDING_NAMESPACE, bindingNamespace, TidewaterLabels.BINDING_NAME, bindingName));
  }

  private static ObjectNode work(ObjectKey binding, String name, String cluster, ArrayNode manifests, String conflictResolution) {
    ObjectNode w = Json.object();
    w.put("apiVersion", "work.tidewater.io/v1alpha1");
    w.put("kind", Work.KIND);
    ObjectNode meta = w.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", Work.executionNamespace(cluster));
    ObjectNode labels = meta.putObject("labels");
    labels.put(TidewaterLabels.BINDING_NAMESPACE, binding.namespace());
    labels.put(TidewaterLabels.BINDING_NAME, binding.name());
    labels.put(TidewaterLabels.CLUSTER, cluster);
    // Created with the execution controller's finalizer, which it would otherwise add in a write of
    // its own before applying anything: one round trip less between a decision and the member.
    meta.putArray("finalizers").add(Work.EXECUTION_FINALIZER);
    if (conflictResolution != null) {
      meta.putObject("annotations").put(CONFLICT_RESOLUTION_ANNOTATION, conflictResolution);
    }
    w.putObject("spec").putObject("workload").set("manifests", manifests);
    return w;
  }

  /** Whether {@code current} has every entry of {@code desired}'s {@code metadata.<field>} (labels or annotations). */
  private static boolean hasMetadataEntries(ObjectNode current, ObjectNode desired, String field) {
    JsonNode have = current.path("metadata").path(field);
    for (var it = desired.path("metadata").path(field).fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().equals(have.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private void ensureNamespace(String name) {
    if (namespaces.get("", name) != null) {
      return;
    }
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ns.putObject("metadata").put("name", name).putObject("labels").put(TidewaterLabels.MANAGED_BY, TidewaterLabels.MANAGED_BY_VALUE);
    client.apply(ns, MANAGER);
  }

  private void releaseFinalizer(ObjectNode binding) {
    List<String> fin = new ArrayList<>(ObjectMetas.finalizers(binding));
    if (!fin.remove(FINALIZER)) {
      return;
    }
    // Our field manager owns the finalizer: applying without it removes it.
    client.apply(header(binding), MANAGER);
  }

  private static ObjectNode header(ObjectNode binding) {
    ObjectNode o = Json.object();
    o.put("apiVersion", binding.path("apiVersion").asText());
    o.put("kind", binding.path("kind").asText());
    o.putObject("metadata").put("name", ObjectMetas.name(binding)).put("namespace", ObjectMetas.namespace(binding));
    return o;
  }

  /** Whether every informer has synced. */
  public boolean hasSynced() {
    return synced();
  }

  @Override
  public void close() {
    runner.close();
  }

}
