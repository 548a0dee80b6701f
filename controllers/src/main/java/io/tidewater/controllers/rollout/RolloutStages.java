package io.tidewater.controllers.rollout;

import io.tidewater.api.policy.HealthGate;
import io.tidewater.api.policy.Placement;
import io.tidewater.api.policy.RolloutPause;
import io.tidewater.api.policy.RolloutStage;
import io.tidewater.api.policy.RolloutStrategy;
import io.tidewater.api.policy.RolloutType;
import io.tidewater.controllers.placement.PlacementTranslator;
import io.tidewater.scheduler.model.ClusterInfo;
import io.tidewater.scheduler.model.ClusterSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stages of a staged rollout over one binding's clusters (DESIGN §5, issue 5): the policy's
 * {@code rollout.stages} in order, each cluster in the first stage that selects it and clusters in
 * no stage last; without stages, one stage per placement tier in tier order (idc, then cloud).
 * Stages without clusters are dropped. A parallel rollout is one stage of every cluster.
 */
public final class RolloutStages {
  /** A stage: its clusters (in the binding's order), the gate it must pass, and the pause after it (or null). */
  public record Stage(String name, Set<String> clusters, HealthGate gate, RolloutPause pause) {}

  static final HealthGate DEFAULT_GATE = new HealthGate(100, 0, 0, "10m");

  private RolloutStages() {}

  /** Whether changes go stage by stage (the default) rather than to every cluster at once. */
  public static boolean staged(RolloutStrategy rollout) {
    return rollout == null || rollout.type() != RolloutType.PARALLEL;
  }

  /** The rollout a binding carries (copied from its policy), or null. */
  public static RolloutStrategy rolloutOf(com.fasterxml.jackson.databind.JsonNode binding) {
    com.fasterxml.jackson.databind.JsonNode r = binding.path("spec").path("rollout");
    return r.isObject() ? io.tidewater.api.kinds.TidewaterJson.decode(r, RolloutStrategy.class) : null;
  }

  /**
   * Whether changes to {@code template} through {@code binding} go stage by stage: a workload
   * Fleet-Root drives, or a plain object unless its policy says {@code plainObjectPropagation:
   * Immediate}; never when the rollout is Parallel.
   */
  public static boolean stagedBinding(com.fasterxml.jackson.databind.JsonNode binding, com.fasterxml.jackson.databind.node.ObjectNode template) {
    RolloutStrategy r = rolloutOf(binding);
    if (!staged(r)) {
      return false;
    }
    return io.tidewater.controllers.detector.WorkloadInspector.hasReplicas(template) ? FleetRollout.applies(template)
        : r == null || r.plainObjectPropagation() != io.tidewater.api.policy.PlainObjectPropagation.IMMEDIATE;
  }

  public static List<Stage> of(RolloutStrategy rollout, Placement placement, List<ClusterInfo> clusters) {
    HealthGate gate = rollout == null || rollout.healthGate() == null ? DEFAULT_GATE : merge(rollout.healthGate(), DEFAULT_GATE);
    List<String> names = new ArrayList<>();
    List<ClusterSelector> selectors = new ArrayList<>();
    List<HealthGate> gates = new ArrayList<>();
    List<RolloutPause> pauses = new ArrayList<>();
    if (!staged(rollout)) {
      names.add("all");
      selectors.add(ClusterSelector.ANY);
      gates.add(gate);
      pauses.add(null);
    } else if (rollout != null && rollout.stages() != null && !rollout.stages().isEmpty()) {
      for (RolloutStage s : rollout.stages()) {
        names.add(s.name());
        selectors.add(s.clusterAffinity() != null ? PlacementTranslator.selector(s.clusterAffinity()) : ClusterSelector.tier(s.name()));
        gates.add(s.healthGate() == null ? gate : merge(s.healthGate(), gate));
        pauses.add(s.pause());
      }
    } else {
      List<ClusterSelector> tiers = PlacementTranslator.translate(placement).tiers();
      for (int i = 0; i < tiers.size(); i++) {
        names.add(placement != null && placement.tiers() != null && i < placement.tiers().size() && placement.tiers().get(i).name() != null
            ? placement.tiers().get(i).name() : i == 0 ? "idc" : i == 1 ? "cloud" : "tier-" + (i + 1));
        selectors.add(tiers.get(i));
        gates.add(gate);
        pauses.add(null);
      }
    }
    List<Stage> out = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      Set<String> in = new LinkedHashSet<>();
      for (ClusterInfo c : clusters) {
        if (!placed.contains(c.name()) && selectors.get(i).matches(c)) {
          in.add(c.name());
        }
      }
      placed.addAll(in);
      if (!in.isEmpty()) {
        out.add(new Stage(names.get(i), in, gates.get(i), pauses.get(i)));
      }
    }
    Set<String> rest = new LinkedHashSet<>();
    clusters.forEach(c -> {
      if (!placed.contains(c.name())) {
        rest.add(c.name());
      }
    });
    if (!rest.isEmpty()) {
      out.add(new Stage("rest", rest, gate, null));
    }
    return out;
  }

  private static HealthGate merge(HealthGate g, HealthGate base) {
    return new HealthGate(
        g.minAvailablePercent() != null ? g.minAvailablePercent() : base.minAvailablePercent(),
        g.maxFailedPods() != null ? g.maxFailedPods() : base.maxFailedPods(),
        g.maxCrashLoopingPods() != null ? g.maxCrashLoopingPods() : base.maxCrashLoopingPods(),
        g.timeout() != null ? g.timeout() : base.timeout());
  }
}
