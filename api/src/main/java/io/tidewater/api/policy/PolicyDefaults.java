package io.tidewater.api.policy;

import static io.tidewater.api.kinds.Defaulting.each;
import static io.tidewater.api.kinds.Defaulting.ifSet;
import static io.tidewater.api.kinds.Defaulting.or;
import static io.tidewater.api.kinds.Defaulting.orText;

import java.util.List;

/**
 * Defaults of propagation and override policies. Tidewater departs from Karmada in one place on purpose:
 * without replicaScheduling, Karmada duplicates replicas into every cluster; Tidewater divides them, tier by
 * tier, weighted by available replicas, because self-built-first placement is what the product is for.
 */
public final class PolicyDefaults {
  private PolicyDefaults() {}

  public static final List<Tier> DEFAULT_TIERS = List.of(Tier.named("idc"), Tier.named("cloud"));
  public static final int DEFAULT_TOLERATION_SECONDS = 300;
  public static final int DEFAULT_GRACE_PERIOD_SECONDS = 600;
  public static final HealthGate DEFAULT_HEALTH_GATE = new HealthGate(100, 0, 0, "10m");

  public static PropagationPolicy apply(PropagationPolicy p) {
    return new PropagationPolicy(
        or(p.apiVersion(), PropagationPolicy.API_VERSION), or(p.kind(), PropagationPolicy.KIND), p.metadata(), ifSet(p.spec(), PolicyDefaults::spec));
  }

  public static ClusterPropagationPolicy apply(ClusterPropagationPolicy p) {
    return new ClusterPropagationPolicy(
        or(p.apiVersion(), PropagationPolicy.API_VERSION), or(p.kind(), ClusterPropagationPolicy.KIND), p.metadata(), ifSet(p.spec(), PolicyDefaults::spec));
  }

  public static OverridePolicy apply(OverridePolicy p) {
    return new OverridePolicy(or(p.apiVersion(), PropagationPolicy.API_VERSION), or(p.kind(), OverridePolicy.KIND), p.metadata(), p.spec());
  }

  public static PropagationSpec spec(PropagationSpec s) {
    return new PropagationSpec(
        s.resourceSelectors(),
        or(s.propagateDeps(), false),
        placement(s.placement()),
        or(s.priority(), 0),
        or(s.conflictResolution(), ConflictResolution.ABORT),
        failover(s.failover()),
        rollout(s.rollout()));
  }

  public static Placement placement(Placement p) {
    Placement in = or(p, new Placement(null, null, null, null, null));
    return new Placement(
        in.clusterAffinity(),
        in.clusterTolerations(),
        in.tiers() == null || in.tiers().isEmpty() ? DEFAULT_TIERS : in.tiers(),
        each(in.spreadConstraints(), PolicyDefaults::spreadConstraint),
        replicaScheduling(in.replicaScheduling()));
  }

  private static SpreadConstraint spreadConstraint(SpreadConstraint c) {
    boolean neither = c.spreadByField() == null && (c.spreadByLabel() == null || c.spreadByLabel().isEmpty());
    return new SpreadConstraint(neither ? SpreadField.CLUSTER : c.spreadByField(), c.spreadByLabel(), c.maxGroups(), or(c.minGroups(), 1));
  }

  private static ReplicaSchedulingStrategy replicaScheduling(ReplicaSchedulingStrategy r) {
    ReplicaSchedulingStrategy in = or(r, new ReplicaSchedulingStrategy(null, null, null));
    ReplicaSchedulingType type = or(in.replicaSchedulingType(), ReplicaSchedulingType.DIVIDED);
    if (type == ReplicaSchedulingType.DUPLICATED) {
      return new ReplicaSchedulingStrategy(type, in.replicaDivisionPreference(), in.weightPreference());
    }
    ReplicaDivisionPreference pref = or(in.replicaDivisionPreference(), ReplicaDivisionPreference.WEIGHTED);
    ClusterPreferences weights = in.weightPreference();
    boolean noWeights =
        weights == null
            || ((weights.staticWeightList() == null || weights.staticWeightList().isEmpty()) && weights.dynamicWeight() == null);
    if (pref == ReplicaDivisionPreference.WEIGHTED && noWeights) {
      weights = new ClusterPreferences(null, DynamicWeightFactor.AVAILABLE_REPLICAS);
    }
    return new ReplicaSchedulingStrategy(type, pref, weights);
  }

  private static FailoverBehavior failover(FailoverBehavior f) {
    FailoverBehavior in = or(f, new FailoverBehavior(null, null));
    ClusterFailoverBehavior c = or(in.cluster(), new ClusterFailoverBehavior(null, null));
    return new FailoverBehavior(
        new ClusterFailoverBehavior(or(c.tolerationSeconds(), DEFAULT_TOLERATION_SECONDS), or(c.purgeMode(), PurgeMode.GRACEFUL)),
        ifSet(in.application(), PolicyDefaults::application));
  }

  private static ApplicationFailoverBehavior application(ApplicationFailoverBehavior a) {
    PurgeMode mode = or(a.purgeMode(), PurgeMode.GRACEFUL);
    Integer toleration = a.decisionConditions() == null ? null : a.decisionConditions().tolerationSeconds();
    return new ApplicationFailoverBehavior(
        new DecisionConditions(or(toleration, DEFAULT_TOLERATION_SECONDS)),
        mode,
        mode == PurgeMode.GRACEFUL ? or(a.gracePeriodSeconds(), DEFAULT_GRACE_PERIOD_SECONDS) : a.gracePeriodSeconds());
  }

  private static RolloutStrategy rollout(RolloutStrategy r) {
    RolloutStrategy in = or(r, new RolloutStrategy(null, null, null, null));
    HealthGate gate = healthGate(in.healthGate(), DEFAULT_HEALTH_GATE);
    return new RolloutStrategy(
        or(in.type(), RolloutType.STAGED),
        each(in.stages(), s -> new RolloutStage(s.name(), s.clusterAffinity(), s.pause(), ifSet(s.healthGate(), g -> healthGate(g, gate)))),
        gate,
        or(in.plainObjectPropagation(), PlainObjectPropagation.STAGED));
  }

  /** A gate's unset fields come from {@code base}: the defaults, or for a stage the rollout's gate. */
  private static HealthGate healthGate(HealthGate g, HealthGate base) {
    HealthGate in = or(g, new HealthGate(null, null, null, null));
    return new HealthGate(
        or(in.minAvailablePercent(), base.minAvailablePercent()),
        or(in.maxFailedPods(), base.maxFailedPods()),
        or(in.maxCrashLoopingPods(), base.maxCrashLoopingPods()),
        orText(in.timeout(), base.timeout()));
  }
}
