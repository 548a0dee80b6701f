package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.policy.Placement;
import io.tidewater.api.policy.RolloutStrategy;
import io.tidewater.api.validation.GoDuration;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.detector.BindingDetector;
import io.tidewater.controllers.detector.WorkloadInspector;
import io.tidewater.controllers.placement.ClusterInfos;
import io.tidewater.controllers.propagation.PropagationController;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.ObjectKey;
import io.tidewater.controllers.runtime.Templates;
import io.tidewater.scheduler.model.ClusterInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staged rollouts with health gates (issue 5 §2, §3): for every binding of a Deployment or
 * StatefulSet whose policy's rollout is Staged (the default), and of a ConfigMap, Secret or Service
 * unless its {@code plainObjectPropagation} is Immediate, admits the stages of {@link RolloutStages} one
 * after another. A new revision starts in the first stage; the next stage is admitted once every
 * member of the current one runs the revision with every replica updated and at least the gate's
 * {@code minAvailablePercent} available, and after the stage's pause. A stage that does not pass
 * within the gate's timeout halts the rollout: later stages keep the old revision, and the
 * template's {@code FleetRollout} condition says why; so does a stage with more failed or
 * crash-looping pods than its gate's {@code maxFailedPods}/{@code maxCrashLoopingPods}, at once. The template annotation
 * {@value #ACTION_ANNOTATION} then resumes ({@code resume}: the gate is tried again, or a pause
 * ends) or rolls back ({@code rollback}: the template takes the pod template the untouched members
 * still run, which rolls out like any revision and passes where the old revision already runs).
 *
 * <p>A plain object's stage passes once every member of it has applied the new content and the
 * workloads that use the object are available there ({@link StageGate#failingPlain}).
 *
 * <p>Fleet-Root's budget still holds inside and across stages: the propagator starts a member only
 * when it is admitted and has budget. The state is kept on the binding ({@link StageState}).
 */
public final class StagedRolloutController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StagedRolloutController.class);
  public static final String MANAGER = "tidewater-rollout";
  public static final String ACTION_ANNOTATION = "tidewater.io/rollout-action";
  private static final Duration NOT_SYNCED_RETRY = Duration.ofMillis(200);
  private static final Duration WATCHING = Duration.ofSeconds(1);

  private final FederationClient client;
  private final Clock clock;
  private final ControllerRunner<ObjectKey> runner;
  private final Map<GroupVersionKind, ObjectInformer> templates = new LinkedHashMap<>();
  private final StagedPlainBindings stagedPlain = new StagedPlainBindings();
  private ObjectInformer bindings;
  private ObjectInformer works;
  private ObjectInformer clusters;

  public StagedRolloutController(FederationClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.runner = new ControllerRunner<>("staged-rollout", new WorkQueue<>(), this::reconcile);
  }

  public StagedRolloutController start() {
    // A workload's status change can open the gate of the ConfigMaps it uses: the namespace's plain
    // bindings in a staged rollout are looked at again (one gate evaluation each).
    bindings = client.inform(BindingDetector.BINDING).onChange(c -> {
      runner.queue().add(c.key());
      stagedPlain.update(c.key(), c.after());
      if (c.after() != null && !StagedPlainBindings.plain(c.after())) {
        stagedPlain.in(c.key().namespace()).forEach(runner.queue()::add);
      }
    });
    works = client.inform(PropagationController.WORK);
    clusters = client.inform(PropagationController.CLUSTER);
    for (GroupVersionKind k : List.of(Templates.DEPLOYMENT, Templates.STATEFULSET, Templates.CONFIGMAP, Templates.SECRET, Templates.SERVICE)) {
      // A template's binding is named after it: no scan of the namespace on every status write.
      templates.put(k, client.inform(k).onChange(c -> runner.queue().add(
          ObjectKey.of(BindingDetector.BINDING, c.key().namespace(), BindingDetector.bindingName(c.key().name(), k.kind())))));
    }
    runner.start(2);
    return this;
  }

  private boolean synced() {
    return bindings.hasSynced() && works.hasSynced() && clusters.hasSynced()
        && templates.values().stream().allMatch(ObjectInformer::hasSynced);
  }

  Reconciler.Result reconcile(ObjectKey key) {
    if (!synced()) {
      return Reconciler.Result.after(NOT_SYNCED_RETRY);
    }
    ObjectNode binding = bindings.get(key.namespace(), key.name());
    if (binding == null || ObjectMetas.isDeleting(binding)) {
      return Reconciler.Result.DONE;
    }
    JsonNode ref = binding.path("spec").path("resource");
    ObjectInformer templateInformer = templates.get(GroupVersionKind.of(ref.path("apiVersion").asText(), ref.path("kind").asText()));
    ObjectNode template = templateInformer == null ? null : templateInformer.get(ref.path("namespace").asText(""), ref.path("name").asText());
    if (template == null || !ref.path("uid").asText().equals(ObjectMetas.uid(template))) {
      return Reconciler.Result.DONE; // not a rolling workload, or going away
    }
    RolloutStrategy rollout = RolloutStages.rolloutOf(binding);
    boolean workload = WorkloadInspector.hasReplicas(template);
    if (!RolloutStages.stagedBinding(binding, template)) {
      if (StageState.on(binding) != null) {
        writeState(binding, null); // parallel: every member may start
      }
      return Reconciler.Result.DONE;
    }
    Map<String, Integer> targets = new LinkedHashMap<>();
    List<ClusterInfo> infos = new ArrayList<>();
    for (JsonNode t : binding.path("spec").path("clusters")) {
      String name = t.path("name").asText();
      targets.put(name, t.path("replicas").asInt(0));
      ObjectNode c = clusters.get("", name);
      if (c != null) {
        infos.add(ClusterInfos.from(c));
      }
    }
    Placement placement = binding.path("spec").path("placement").isObject()
        ? TidewaterJson.decode(binding.path("spec").path("placement"), Placement.class) : null;
    List<RolloutStages.Stage> stages = RolloutStages.of(rollout, placement, infos);
    String revision = RolloutRevision.of(template);
    String action = ObjectMetas.annotation(template, ACTION_ANNOTATION);
    Instant now = clock.instant();

    if ("rollback".equalsIgnoreCase(action)) {
      return rollBack(template, binding, revision, workload);
    }
    if (stages.isEmpty()) {
      return Reconciler.Result.DONE; // not scheduled yet: the binding's next change brings its clusters
    }
    StageState state = StageState.on(binding);
    if (state == null && worksOf(key).stream().allMatch(w -> revision.equals(PodTemplateHash.on(w.path("spec").path("workload").path("manifests").path(0))))) {
      return Reconciler.Result.DONE; // every member runs (or starts on) this revision: nothing to stage
    }
    if (state != null && revision.equals(state.revision()) && !admitted(stages, state.stage()).equals(state.admitted())) {
      // The clusters changed (scheduled, joined, left) since the stage was admitted.
      state = new StageState(revision, state.stage(), state.stageName(), admitted(stages, state.stage()), state.startedAt(), state.passedAt(), state.halted());
      writeState(binding, state);
    }
    if (state == null || !revision.equals(state.revision())) {
      // A new revision: only the first stage may start it.
      StageState first = new StageState(revision, 0, stages.isEmpty() ? null : stages.get(0).name(), admitted(stages, 0),
          now.toString(), null, null);
      writeState(binding, first);
      log.info("rollout staged binding={} revision={} stages={}", key.storeKey(), revision, stages.stream().map(RolloutStages.Stage::name).toList());
      return Reconciler.Result.after(WATCHING);
    }
    boolean resumed = "resume".equalsIgnoreCase(action);
    if (resumed) {
      clearAction(template);
    }
    if (state.halted() != null && !resumed) {
      return Reconciler.Result.DONE; // halted until resumed or rolled back
    }
    if (state.stage() >= stages.size()) {
      return Reconciler.Result.DONE; // every stage passed
    }
    RolloutStages.Stage stage = stages.get(state.stage());
    Instant started = Instant.parse(state.startedAt());
    if (resumed && state.halted() != null) {
      state = new StageState(revision, state.stage(), stage.name(), state.admitted(), now.toString(), null, null);
      writeState(binding, state);
      client.event(template, "Normal", "RolloutResumed", "stage " + stage.name() + " " + stage.clusters() + " gets another try at its health gate", MANAGER);
      return Reconciler.Result.after(WATCHING);
    }
    String failing = workload ? StageGate.failing(stage, targets, binding, worksOf(key), revision, ObjectMetas.generation(template))
        : StageGate.failingPlain(stage, binding, worksOf(key), revision, consumers(template));
    if (failing == null) {
      if (stage.pause() != null) {
        Instant passed = state.passedAt() == null ? now : Instant.parse(state.passedAt());
        if (state.passedAt() == null) {
          writeState(binding, new StageState(revision, state.stage(), stage.name(), state.admitted(), state.startedAt(), passed.toString(), null));
          client.event(template, "Normal", "RolloutPaused", "stage " + stage.name() + " passed its health gate; paused "
              + (Boolean.TRUE.equals(stage.pause().untilResumed()) ? "until resumed (annotate " + ACTION_ANNOTATION + "=resume)"
                  : "for " + stage.pause().duration()), MANAGER);
        }
        if (Boolean.TRUE.equals(stage.pause().untilResumed()) && !resumed) {
          return Reconciler.Result.DONE;
        }
        if (stage.pause().duration() != null && !resumed) {
          Duration left = Duration.between(now, passed.plus(GoDuration.parse(stage.pause().duration())));
          if (left.isPositive()) {
            return Reconciler.Result.after(left.plusMillis(50));
          }
        }
      }
      int next = state.stage() + 1;
      writeState(binding, new StageState(revision, next, next < stages.size() ? stages.get(next).name() : null, admitted(stages, next),
          now.toString(), null, null));
      log.info("rollout stage passed binding={} revision={} stage={} clusters={}", key.storeKey(), revision, stage.name(), stage.clusters());
      client.event(template, "Normal", "RolloutStagePassed", "stage " + stage.name() + " " + stage.clusters() + " passed its health gate"
          + (next < stages.size() ? "; starting stage " + stages.get(next).name() + " " + stages.get(next).clusters() : "; every stage done"), MANAGER);
      return next < stages.size() ? Reconciler.Result.after(WATCHING) : Reconciler.Result.DONE;
    }
    Duration left = Duration.between(now, started.plus(GoDuration.parse(stage.gate().timeout())));
    String broken = workload ? StageGate.brokenPods(stage, pods(template)) : null;
    if (!left.isPositive() || broken != null) {
      String why = "stage " + stage.name() + " " + stage.clusters() + (broken != null ? " failed its health gate: " + broken
          : " did not pass its health gate within " + stage.gate().timeout() + ": " + failing)
          + "; later stages keep the previous revision. Annotate the template " + ACTION_ANNOTATION + "=resume to try again or =rollback to roll back";
      writeState(binding, new StageState(revision, state.stage(), stage.name(), state.admitted(), state.startedAt(), null, why));
      log.warn("rollout halted binding={} revision={} stage={} reason={}", key.storeKey(), revision, stage.name(), broken != null ? broken : failing);
      client.event(template, "Warning", "RolloutHalted", why, MANAGER);
      return Reconciler.Result.DONE;
    }
    return Reconciler.Result.after(left.compareTo(WATCHING) < 0 ? left.plusMillis(50) : WATCHING);
  }

  /**
   * Sets the template back to the revision the members not yet reached still run: a workload's pod
   * template, or a plain object's content.
   */
  private Reconciler.Result rollBack(ObjectNode template, ObjectNode binding, String revision, boolean workload) {
    JsonNode previous = null;
    for (ObjectNode w : worksOf(ObjectKey.of(BindingDetector.BINDING, ObjectMetas.namespace(binding), ObjectMetas.name(binding)))) {
      JsonNode manifest = w.path("spec").path("workload").path("manifests").path(0);
      String hash = PodTemplateHash.on(manifest);
      if (hash != null && !hash.equals(revision)) {
        previous = manifest;
        break;
      }
    }
    ObjectNode update = withoutAction(template);
    if (previous != null && previous.path("spec").path("template").isObject() && workload) {
      ((ObjectNode) update.with("spec")).set("template", previous.path("spec").path("template").deepCopy());
    } else if (previous != null && !workload) {
      for (String field : List.of("data", "binaryData", "stringData", "spec", "type")) {
        update.remove(field);
        if (previous.has(field)) {
          update.set(field, previous.get(field).deepCopy());
        }
      }
    }
    if (previous != null) {
      client.event(template, "Normal", "RolloutRolledBack", "set back to revision " + PodTemplateHash.on(previous)
          + ", which the clusters not yet reached still run", MANAGER);
      log.info("rollout rolled back template={}/{} from={} to={}", ObjectMetas.namespace(template), ObjectMetas.name(template), revision,
          PodTemplateHash.on(previous));
    } else {
      client.event(template, "Warning", "RolloutRollbackImpossible", "every cluster already runs revision " + revision
          + ": there is no previous revision left in any member to go back to", MANAGER);
    }
    client.replace(update);
    return Reconciler.Result.DONE;
  }

  private void clearAction(ObjectNode template) {
    client.replace(withoutAction(template));
  }

  private static ObjectNode withoutAction(ObjectNode template) {
    ObjectNode update = template.deepCopy();
    ObjectMetas.metadata(update).with("annotations").remove(ACTION_ANNOTATION);
    return update;
  }

  /**
   * The workload's pods in every member, through the Cluster Gateway's merged list (each carries
   * the label {@code tidewater.io/cluster}); read only while a stage has not passed its gate.
   */
  private List<ObjectNode> pods(ObjectNode template) {
    Map<String, String> selector = new LinkedHashMap<>();
    template.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
    if (selector.isEmpty()) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>();
    try {
      for (var pod : client.fabric8().pods().inNamespace(ObjectMetas.namespace(template)).withLabels(selector).list().getItems()) {
        out.add(Json.MAPPER.valueToTree(pod));
      }
    } catch (RuntimeException e) {
      log.debug("pods not readable for the gate template={}/{} error={}", ObjectMetas.namespace(template), ObjectMetas.name(template), e.toString());
    }
    return out;
  }

  /** The bindings of the workloads whose pod templates use this ConfigMap, Secret or ServiceAccount. */
  private List<ObjectNode> consumers(ObjectNode object) {
    WorkloadInspector.Dependency me = new WorkloadInspector.Dependency(ObjectMetas.kind(object), ObjectMetas.name(object));
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode b : bindings.list(ObjectMetas.namespace(object))) {
      JsonNode ref = b.path("spec").path("resource");
      ObjectInformer inf = templates.get(GroupVersionKind.of(ref.path("apiVersion").asText(), ref.path("kind").asText()));
      ObjectNode t = inf == null ? null : inf.get(ref.path("namespace").asText(""), ref.path("name").asText());
      if (t != null && WorkloadInspector.hasReplicas(t) && WorkloadInspector.dependencies(WorkloadInspector.podSpec(t)).contains(me)) {
        out.add(b);
      }
    }
    return out;
  }

  private List<ObjectNode> worksOf(ObjectKey binding) {
    return works.listWithLabels(Map.of(TidewaterLabels.BINDING_NAMESPACE, binding.namespace(), TidewaterLabels.BINDING_NAME, binding.name()));
  }

  private static List<String> admitted(List<RolloutStages.Stage> stages, int upTo) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= upTo && i < stages.size(); i++) {
      out.addAll(stages.get(i).clusters());
    }
    return out;
  }

  private void writeState(ObjectNode binding, StageState state) {
    ObjectNode patch = Json.object();
    patch.put("apiVersion", ObjectMetas.apiVersion(binding)).put("kind", ObjectMetas.kind(binding));
    ObjectNode meta = patch.putObject("metadata").put("name", ObjectMetas.name(binding)).put("namespace", ObjectMetas.namespace(binding));
    if (state == null) {
      // Server-side apply drops an annotation this manager no longer applies.
      meta.putObject("annotations");
    } else {
      meta.putObject("annotations").put(StageState.ANNOTATION, state.json());
    }
    client.apply(patch, MANAGER);
  }

  @Override
  public void close() {
    runner.close();
  }
}
