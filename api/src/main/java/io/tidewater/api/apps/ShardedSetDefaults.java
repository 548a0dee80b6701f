package io.tidewater.api.apps;

import static io.tidewater.api.kinds.Defaulting.ifSet;
import static io.tidewater.api.kinds.Defaulting.or;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.tidewater.api.policy.SpreadField;

/** Defaults of a ShardedSet, the StatefulSet ones where the concept is the same. */
public final class ShardedSetDefaults {
  private ShardedSetDefaults() {}

  public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

  public static ShardedSet apply(ShardedSet s) {
    return new ShardedSet(
        or(s.apiVersion(), ShardedSet.API_VERSION), or(s.kind(), ShardedSet.KIND), s.metadata(), ifSet(s.spec(), ShardedSetDefaults::spec), s.status());
  }

  private static ShardedSetSpec spec(ShardedSetSpec s) {
    ShardPlacement pl = or(s.placement(), new ShardPlacement(null, null));
    return new ShardedSetSpec(
        or(s.shards(), 1),
        or(s.replicasPerShard(), 1),
        s.selector(),
        s.template(),
        s.serviceName(),
        s.volumeClaimTemplates(),
        updateStrategy(s.updateStrategy()),
        or(s.podManagementPolicy(), PodManagementPolicy.ORDERED_READY),
        or(s.revisionHistoryLimit(), DEFAULT_REVISION_HISTORY_LIMIT),
        or(s.minReadySeconds(), 0),
        new ShardPlacement(or(pl.spreadByField(), SpreadField.CLUSTER), or(pl.minGroupsPerShard(), 1)));
  }

  private static ShardedSetUpdateStrategy updateStrategy(ShardedSetUpdateStrategy u) {
    ShardedSetUpdateStrategy in = or(u, new ShardedSetUpdateStrategy(null, null));
    ShardedSetUpdateStrategyType type = or(in.type(), ShardedSetUpdateStrategyType.ROLLING_UPDATE);
    if (type != ShardedSetUpdateStrategyType.ROLLING_UPDATE) {
      return new ShardedSetUpdateStrategy(type, in.rollingUpdate());
    }
    RollingUpdateShardedSetStrategy r = or(in.rollingUpdate(), new RollingUpdateShardedSetStrategy(null, null));
    return new ShardedSetUpdateStrategy(type, new RollingUpdateShardedSetStrategy(or(r.maxUnavailable(), new IntOrString(1)), or(r.partition(), 0)));
  }
}
