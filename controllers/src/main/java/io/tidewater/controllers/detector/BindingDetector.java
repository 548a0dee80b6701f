package io.tidewater.controllers.detector;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.policy.ClusterPropagationPolicy;
import io.tidewater.api.policy.PropagationPolicy;
import io.tidewater.api.work.ResourceBinding;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.controllers.runtime.Templates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karmada's resource detector: matches every template to the propagation policy that governs it
 * and keeps its ResourceBinding (what to propagate, what each replica needs, the placement) in
 * step. A template no policy selects is not propagated, and says why: a {@code Propagated=False}
 * condition on workloads, an event on other kinds.
 */
public final class BindingDetector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BindingDetector.class);
  public static final String MANAGER = "tidewater-detector";
  public static final GroupVersionKind BINDING = new GroupVersionKind("work.tidewater.io", "v1alpha1", "ResourceBinding");
  public static final GroupVersionKind PP = new GroupVersionKind("policy.tidewater.io", "v1alpha1", "PropagationPolicy");
  public static final GroupVersionKind CPP = new GroupVersionKind("policy.tidewater.io", "v1alpha1", "ClusterPropagationPolicy");
  public static final String CONDITION_PROPAGATED = "Propagated";

  private final FederationClient client;
  private final Map<GroupVersionKind, ObjectInformer> templates = new HashMap<>();
  private ObjectInformer policies;
  private ObjectInformer clusterPolicies;
  private ObjectInformer bindings;
  private final ControllerRunner<ObjectKey> runner;
  /** Templates already told they have no policy (by uid), so events are not repeated. */
  private final Set<String> reportedNoPolicy = ConcurrentHashMap.newKeySet();

  public BindingDetector(FederationClient client) {
    this.client = client;
    this.runner = new ControllerRunner<>("binding-detector", new WorkQueue<>(), this::reconcile);
  }

  /** The binding's name for a template: {@code <name>-<kind>}, as Karmada names them. */
  public static String bindingName(String templateName, String kind) {
    return templateName + "-" + kind.toLowerCase(Locale.ROOT);
  }

  public BindingDetector start() {
    for (GroupVersionKind k : Templates.ALL) {
      ObjectInformer inf = client.inform(k).onChange(c -> runner.queue().add(c.key(), c.specChanged()));
      templates.put(k, inf);
    }
    policies = client.inform(PP).onChange(c -> requeueSelected(c.before(), c.after()));
    clusterPolicies = client.inform(CPP).onChange(c -> requeueSelected(c.before(), c.after()));
    bindings = client.inform(BINDING).onChange(c -> {
      // A binding changed or vanished behind our back: look at its template again.
      ObjectNode b = c.after() != null ? c.after() : c.before();
      JsonNode ref = b.path("spec").path("resource");
      GroupVersionKind gvk = GroupVersionKind.of(ref.path("apiVersion").asText(), ref.path("kind").asText());
      if (templates.containsKey(gvk)) {
        runner.queue().add(ObjectKey.of(gvk, ref.path("namespace").asText(""), ref.path("name").asText()));
      }
    });
    runner.start(4);
    return this;
  }

  private void requeueSelected(ObjectNode before, ObjectNode after) {
    for (ObjectNode p : new ObjectNode[] {before, after}) {
      if (p == null) {
        continue;
      }
      for (JsonNode s : p.path("spec").path("resourceSelectors")) {
        GroupVersionKind gvk = GroupVersionKind.of(s.path("apiVersion").asText(), s.path("kind").asText());
        ObjectInformer inf = templates.get(gvk);
        if (inf != null) {
          for (ObjectNode t : inf.list()) {
            runner.queue().add(ObjectKey.of(gvk, ObjectMetas.namespace(t), ObjectMetas.name(t)));
          }
        }
      }
    }
  }

  private boolean synced() {
    return policies.hasSynced() && clusterPolicies.hasSynced() && bindings.hasSynced() && templates.values().stream().allMatch(ObjectInformer::hasSynced);
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!synced()) {
      return Reconciler.Result.after(java.time.Duration.ofMillis(200)); // never act on a cache that has not synced
    }
    if (Templates.ignoredNamespace(key.namespace()) || Templates.ignoredObject(key.kind(), key.name())) {
      return Reconciler.Result.DONE;
    }
    ObjectNode template = templates.get(key.kind()).get(key.namespace(), key.name());
    if (template == null || ObjectMetas.isDeleting(template)) {
      return Reconciler.Result.DONE; // its binding goes with it (ownerReference)
    }
    List<PropagationPolicy> pps = new ArrayList<>();
    for (ObjectNode p : policies.list(key.namespace())) {
      pps.add(TidewaterJson.decode(p, PropagationPolicy.class));
    }
    List<ClusterPropagationPolicy> cpps = new ArrayList<>();
    for (ObjectNode p : clusterPolicies.list()) {
      cpps.add(TidewaterJson.decode(p, ClusterPropagationPolicy.class));
    }
    Optional<PolicyMatcher.Match> match = PolicyMatcher.best(template, pps, cpps);
    String bindingName = bindingName(key.name(), key.kind().kind());
    ObjectNode existing = bindings.get(key.namespace(), bindingName);
    if (match.isEmpty()) {
      if (existing == null) {
        reportNoPolicy(key, template);
      }
      return Reconciler.Result.DONE;
    }
    ObjectNode desired = desiredBinding(template, match.get(), bindingName);
    if (existing == null || !sameIntent(existing, desired)) {
      client.apply(desired, MANAGER);
      log.info("binding applied template={} policy={}/{} binding={}", key, match.get().policy().kind(), match.get().name(), bindingName);
    }
    clearNoPolicy(key, template);
    return Reconciler.Result.DONE;
  }

  static ObjectNode desiredBinding(ObjectNode template, PolicyMatcher.Match match, String bindingName) {
    ObjectNode b = Json.object();
    b.put("apiVersion", ResourceBinding.API_VERSION);
    b.put("kind", ResourceBinding.KIND);
    ObjectNode meta = b.putObject("metadata");
    meta.put("name", bindingName);
    meta.put("namespace", ObjectMetas.namespace(template));
    ObjectNode labels = meta.putObject("labels");
    labels.put("tidewater.io/policy-kind", match.policy().kind());
    labels.put("tidewater.io/policy-name", match.name());
    ArrayNode owners = meta.putArray("ownerReferences");
    ObjectNode owner = owners.addObject();
    owner.put("apiVersion", ObjectMetas.apiVersion(template));
    owner.put("kind", ObjectMetas.kind(template));
    owner.put("name", ObjectMetas.name(template));
    owner.put("uid", ObjectMetas.uid(template));
    owner.put("controller", true);
    owner.put("blockOwnerDeletion", true);
    ObjectNode spec = b.putObject("spec");
    ObjectNode res = spec.putObject("resource");
    res.put("apiVersion", ObjectMetas.apiVersion(template));
    res.put("kind", ObjectMetas.kind(template));
    res.put("namespace", ObjectMetas.namespace(template));
    res.put("name", ObjectMetas.name(template));
    res.put("uid", ObjectMetas.uid(template));
    // No resourceVersion: it changes with every status write, and would make each one a spec change.
    res.put("generation", ObjectMetas.generation(template));
    var policySpec = match.policy().spec();
    // Always explicit: the API server defaults it to false, and an absent field would never equal that.
    spec.put("propagateDeps", Boolean.TRUE.equals(policySpec.propagateDeps()));
    if (WorkloadInspector.hasReplicas(template)) {
      spec.put("replicas", WorkloadInspector.replicas(template));
      spec.set("replicaRequirements", WorkloadInspector.replicaRequirements(template));
    }
    if (policySpec.placement() != null) {
      spec.set("placement", TidewaterJson.encode(policySpec.placement()));
    }
    ObjectNode ref = spec.putObject("policyRef");
    ref.put("kind", match.policy().kind());
    if (match.namespaced()) {
      ref.put("namespace", match.policy().metadata().getNamespace());
    }
    ref.put("name", match.name());
    ref.put("uid", match.policy().metadata().getUid());
    if (policySpec.failover() != null) {
      spec.set("failover", TidewaterJson.encode(policySpec.failover()));
    }
    if (policySpec.conflictResolution() != null) {
      spec.set("conflictResolution", Json.MAPPER.valueToTree(policySpec.conflictResolution()));
    }
    if (policySpec.rollout() != null) {
      spec.set("rollout", TidewaterJson.encode(policySpec.rollout()));
    }
    return b;
  }

  /** The spec fields the detector owns; the scheduler owns clusters and eviction tasks. */
  private static final List<String> OWNED = List.of(
      "resource", "propagateDeps", "replicas", "replicaRequirements", "placement", "policyRef", "failover", "conflictResolution", "rollout");

  /** Whether the existing binding already says what we would apply (numbers compared by value, as the API returns them). */
  static boolean sameIntent(ObjectNode existing, ObjectNode desired) {
    for (String f : OWNED) {
      JsonNode e = existing.path("spec").path(f);
      JsonNode d = desired.path("spec").path(f);
      if (f.equals("resource")) {
        e = e.deepCopy();
        if (e instanceof ObjectNode eo) {
          eo.remove("resourceVersion"); // bindings written by earlier versions carry it
        }
      }
      if (!JsonValues.equal(e, d)) {
        log.debug("binding differs field={} existing={} desired={}", f, e, d);
        return false;
      }
    }
    return existing.path("metadata").path("labels").equals(desired.path("metadata").path("labels"));
  }

  private void reportNoPolicy(ObjectKey key, ObjectNode template) {
    String message = "no PropagationPolicy or ClusterPropagationPolicy selects " + key.kind().kind() + " " + key.storeKey()
        + ": it is not propagated to any cluster";
    if (key.kind().equals(Templates.DEPLOYMENT) || key.kind().equals(Templates.STATEFULSET)) {
      JsonNode cond = condition(template, CONDITION_PROPAGATED);
      if (cond != null && "NoPolicy".equals(cond.path("reason").asText())) {
        return;
      }
      client.applyStatus(propagatedCondition(template, "False", "NoPolicy", message), MANAGER);
    } else if (reportedNoPolicy.add(ObjectMetas.uid(template))) {
      client.event(template, "Warning", "NoPolicy", message, MANAGER);
    }
  }

  private void clearNoPolicy(ObjectKey key, ObjectNode template) {
    reportedNoPolicy.remove(ObjectMetas.uid(template));
    JsonNode cond = condition(template, CONDITION_PROPAGATED);
    if (cond != null && "NoPolicy".equals(cond.path("reason").asText())) {
      client.applyStatus(propagatedCondition(template, "True", "PolicyMatched", "selected by a propagation policy"), MANAGER);
    }
  }

  private static JsonNode condition(ObjectNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  private static ObjectNode propagatedCondition(ObjectNode template, String status, String reason, String message) {
    ObjectNode o = Json.object();
    o.put("apiVersion", ObjectMetas.apiVersion(template));
    o.put("kind", ObjectMetas.kind(template));
    o.putObject("metadata").put("name", ObjectMetas.name(template)).put("namespace", ObjectMetas.namespace(template));
    ObjectNode c = o.putObject("status").putArray("conditions").addObject();
    c.put("type", CONDITION_PROPAGATED);
    c.put("status", status);
    c.put("reason", reason);
    c.put("message", message);
    String now = ObjectMetas.timestamp(Instant.now());
    c.put("lastUpdateTime", now);
    c.put("lastTransitionTime", now);
    return o;
  }

  /** Whether every informer has synced (for tests and readiness). */
  public boolean hasSynced() {
    return synced();
  }

  @Override
  public void close() {
    runner.close();
  }
}
