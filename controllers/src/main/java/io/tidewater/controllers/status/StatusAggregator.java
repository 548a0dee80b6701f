package io.tidewater.controllers.status;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.work.ResourceBinding;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.rollout.FleetRollout;
import io.tidewater.controllers.rollout.PodTemplateHash;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.controllers.runtime.Templates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member status back into the federation: each Work's member status into its binding's
 * {@code aggregatedStatus}, and the sum over members into the template's status, so that
 * {@code kubectl get deploy} shows READY 37/40 across clusters and {@code kubectl rollout status}
 * waits for the true global state. {@code observedGeneration} is the template's generation only
 * once every target member has observed what was propagated for it.
 */
public final class StatusAggregator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusAggregator.class);
  public static final String MANAGER = "tidewater-status";
  private static final Duration WORK_STATUS_WINDOW = Duration.ofMillis(100);

  private final FederationClient client;
  private final Clock clock;
  private final ControllerRunner<ObjectKey> runner;
  private ObjectInformer bindings;
  private ObjectInformer works;
  private final Map<GroupVersionKind, ObjectInformer> workloads = new LinkedHashMap<>();

  public StatusAggregator(FederationClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.runner = new ControllerRunner<>("status-aggregator", new WorkQueue<>(), this::reconcile);
  }

  public StatusAggregator start() {
    bindings = client.inform(BindingDetector.BINDING).onChange(c -> runner.queue().add(c.key()));
    works = client.inform(PropagationController.WORK).onChange(c -> {
      ObjectNode w = c.after() != null ? c.after() : c.before();
      String ns = ObjectMetas.label(w, TidewaterLabels.BINDING_NAMESPACE);
      String name = ObjectMetas.label(w, TidewaterLabels.BINDING_NAME);
      if (ns != null && name != null) {
        // A binding's Works report in bursts (each member's pods start one after another): their
        // status changes within one window make one write of the binding and template status.
        runner.queue().addAfter(ObjectKey.of(BindingDetector.BINDING, ns, name), WORK_STATUS_WINDOW);
      }
    });
    for (GroupVersionKind k : List.of(Templates.DEPLOYMENT, Templates.STATEFULSET)) {
      workloads.put(k, client.inform(k).onChange(c -> {
        ObjectNode before = c.before();
        ObjectNode after = c.after();
        // A new template generation changes what "observed" means.
        if (after != null && (before == null || ObjectMetas.generation(before) != ObjectMetas.generation(after))) {
          runner.queue().add(ObjectKey.of(BindingDetector.BINDING, c.key().namespace(), BindingDetector.bindingName(c.key().name(), k.kind())));
        }
      }));
    }
    runner.start(4);
    return this;
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!bindings.hasSynced() || !works.hasSynced() || !workloads.values().stream().allMatch(ObjectInformer::hasSynced)) {
      return Reconciler.Result.after(Duration.ofMillis(200));
    }
    ObjectNode binding = bindings.get(key.namespace(), key.name());
    if (binding == null || ObjectMetas.isDeleting(binding)) {
      return Reconciler.Result.DONE;
    }
    Map<String, ObjectNode> workByCluster = new LinkedHashMap<>();
    for (ObjectNode w : works.listWithLabels(Map.of(TidewaterLabels.BINDING_NAMESPACE, key.namespace(), TidewaterLabels.BINDING_NAME, key.name()))) {
      workByCluster.put(Work.clusterOf(ObjectMetas.namespace(w)), w);
    }
    ArrayNode aggregated = Json.NODES.arrayNode();
    boolean allApplied = true;
    for (JsonNode t : binding.path("spec").path("clusters")) {
      String cluster = t.path("name").asText();
      ObjectNode work = workByCluster.get(cluster);
      ObjectNode item = aggregated.addObject();
      item.put("clusterName", cluster);
      if (work == null) {
        item.put("applied", false);
        item.put("appliedMessage",  t.path("replicas").asInt(0) == 0 && !io.tidewater.controllers.detector.WorkloadInspector.plainBinding(binding) ? "no replicas here" : "not propagated yet");
        allApplied &= t.path("replicas").asInt(0) == 0 && !io.tidewater.controllers.detector.WorkloadInspector.plainBinding(binding);
        continue;
      }
      JsonNode applied = condition(work, Work.CONDITION_APPLIED);
      boolean ok = applied != null && "True".equals(applied.path("status").asText());
      allApplied &= ok;
      item.put("applied", ok);
      if (!ok && applied != null) {
        item.put("appliedMessage", applied.path("message").asText(""));
      }
      JsonNode ms = work.path("status").path("manifestStatuses");
      if (ms.isArray() && !ms.isEmpty()) {
        JsonNode first = ms.get(0);
        boolean unreachable = applied != null && "Unknown".equals(applied.path("status").asText())
            && UNREACHABLE_REASONS.contains(applied.path("reason").asText());
        if (first.path("status").isObject()) {
          item.set("status", unreachable ? lastKnown(first.get("status")) : first.get("status"));
        }
        if (unreachable) {
          item.put("health", "Unknown");
        } else if (first.hasNonNull("health")) {
          item.put("health", first.get("health").asText());
        }
      }
    }
    ObjectNode bindingStatus = Json.object();
    bindingStatus.put("apiVersion", ResourceBinding.API_VERSION);
    bindingStatus.put("kind", ResourceBinding.KIND);
    bindingStatus.putObject("metadata").put("name", key.name()).put("namespace", key.namespace());
    ObjectNode s = bindingStatus.putObject("status");
    s.set("aggregatedStatus", aggregated);
    ObjectNode fullyApplied = s.putArray("conditions").addObject();
    fullyApplied.put("type", ResourceBinding.CONDITION_FULLY_APPLIED);
    fullyApplied.put("status", allApplied ? "True" : "False");
    fullyApplied.put("reason", allApplied ? "FullyAppliedSuccess" : "FullyAppliedFailed");
    fullyApplied.put("message", allApplied ? "applied in every target cluster" : "not yet applied in every target cluster");
    JsonNode prevCond = condition(binding, ResourceBinding.CONDITION_FULLY_APPLIED);
    fullyApplied.put("lastTransitionTime",
        prevCond != null && prevCond.path("status").asText().equals(allApplied ? "True" : "False") && prevCond.hasNonNull("lastTransitionTime")
            ? prevCond.get("lastTransitionTime").asText()
            : ObjectMetas.timestamp(clock.instant()));
    if (!JsonValues.equal(binding.path("status").path("aggregatedStatus"), aggregated) || prevCond == null
        || !prevCond.path("status").asText().equals(allApplied ? "True" : "False")) {
      client.applyStatus(bindingStatus, MANAGER);
    }
    aggregateIntoTemplate(binding, aggregated, workByCluster);
    return Reconciler.Result.DONE;
  }

  private void aggregateIntoTemplate(ObjectNode binding, ArrayNode aggregated, Map<String, ObjectNode> workByCluster) {
    JsonNode ref = binding.path("spec").path("resource");
    GroupVersionKind kind = GroupVersionKind.of(ref.path("apiVersion").asText(), ref.path("kind").asText());
    ObjectInformer inf = workloads.get(kind);
    if (inf == null) {
      return;
    }
    ObjectNode template = inf.get(ref.path("namespace").asText(), ref.path("name").asText());
    if (template == null || !ref.path("uid").asText().equals(ObjectMetas.uid(template))) {
      return;
    }
    List<JsonNode> members = new ArrayList<>();
    boolean allObserved = true;
    long generation = ObjectMetas.generation(template);
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (JsonNode t : binding.path("spec").path("clusters")) {
      targets.put(t.path("name").asText(), t.path("replicas").asInt(0));
    }
    // Revisions are federation-wide: a member still on an older pod template (waiting for its
    // turn in a Fleet-Root rollout) has no updated replicas, whatever its own status says.
    String revision = PodTemplateHash.of(template.path("spec").path("template"));
    List<String> started = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    for (JsonNode item : aggregated) {
      String cluster = item.path("clusterName").asText();
      JsonNode st = item.path("status");
      ObjectNode work = workByCluster.get(cluster);
      String memberRevision = work == null ? null : PodTemplateHash.on(work.path("spec").path("workload").path("manifests").path(0));
      long expected = generation;
      if (targets.getOrDefault(cluster, 0) > 0) {
        (memberRevision == null || memberRevision.equals(revision) ? started : waiting).add(cluster);
      }
      if (memberRevision != null && !memberRevision.equals(revision)) {
        // Waiting for its turn: it has observed what it was asked to run (the revision of an
        // older generation), so the federation can report true progress instead of "waiting
        // for the spec update to be observed" until the last member starts.
        expected = Math.min(generation, work.path("spec").path("workload").path("manifests").path(0).path("metadata").path("annotations")
            .path(TidewaterLabels.TEMPLATE_GENERATION).asLong(generation));
        if (st instanceof ObjectNode o) {
          ObjectNode stale = o.deepCopy();
          stale.put("updatedReplicas", 0);
          st = stale;
        }
      }
      if (targets.getOrDefault(cluster, 0) == 0 && st.isMissingNode()) {
        continue;
      }
      if (st.isMissingNode() || st.path("observedGeneration").asLong(-1) < expected) {
        allObserved = false;
      }
      if (!st.isMissingNode()) {
        members.add(st);
      }
    }
    if (binding.path("status").path("schedulerObservedGeneration").asLong(-1) < ObjectMetas.generation(binding)) {
      allObserved = false;
    }
    ObjectNode status = kind.equals(io.tidewater.controllers.runtime.Templates.DEPLOYMENT)
        ? WorkloadStatusSums.deployment(template, members, allObserved, FleetRollout.applies(template)
            ? new WorkloadStatusSums.Stage(revision, started, waiting, io.tidewater.controllers.rollout.StageState.on(binding)) : null, clock)
        : WorkloadStatusSums.statefulSet(template, members, allObserved);
    if (sameStatus(template.path("status"), status)) {
      return;
    }
    ObjectNode o = Json.object();
    o.put("apiVersion", ObjectMetas.apiVersion(template));
    o.put("kind", ObjectMetas.kind(template));
    o.putObject("metadata").put("name", ObjectMetas.name(template)).put("namespace", ObjectMetas.namespace(template));
    o.set("status", status);
    client.applyStatus(o, MANAGER);
    log.debug("template status aggregated template={}/{} status={}", ObjectMetas.namespace(template), ObjectMetas.name(template), status);
  }

  /** Whether every field we would write already has that value (ignoring condition timestamps). */
  static boolean sameStatus(JsonNode current, ObjectNode desired) {
    for (var it = desired.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().equals("conditions")) {
        for (JsonNode want : e.getValue()) {
          JsonNode have = null;
          for (JsonNode c : current.path("conditions")) {
            if (c.path("type").asText().equals(want.path("type").asText())) {
              have = c;
            }
          }
          if (have == null || !have.path("status").equals(want.path("status")) || !have.path("reason").equals(want.path("reason"))
              || !have.path("message").equals(want.path("message"))) {
            return false;
          }
        }
      } else if (!e.getValue().equals(current.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode condition(JsonNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  /** Why the execution controller reports a Work's member as out of reach. */
  private static final java.util.Set<String> UNREACHABLE_REASONS = java.util.Set.of("MemberNotReady", "MemberNotConnected");

  /**
   * A member out of reach: its pods may be running or gone, nobody knows. As Kubernetes marks the
   * pods of a NotReady node not ready, its replicas count but none of them as ready or available.
   */
  private static JsonNode lastKnown(JsonNode status) {
    ObjectNode s = ((ObjectNode) status).deepCopy();
    for (String f : List.of("readyReplicas", "availableReplicas")) {
      if (s.has(f)) {
        s.put(f, 0);
      }
    }
    if (s.has("replicas")) {
      s.put("unavailableReplicas", s.path("replicas").asInt(0));
    }
    return s;
  }

  @Override
  public void close() {
    runner.close();
  }
}
