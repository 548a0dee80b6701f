package io.tidewater.api.kinds;

import io.tidewater.api.apps.ShardedSetKind;
import io.tidewater.api.autoscaling.AutoscalingKinds;
import io.tidewater.api.cluster.ClusterKind;
import io.tidewater.api.policy.PolicyKinds;
import io.tidewater.api.work.WorkKinds;
import java.util.List;
import java.util.Optional;

/** Every kind Tidewater serves natively, for the API server's registry and discovery. */
public final class TidewaterKinds {
  private TidewaterKinds() {}

  private static final List<KindDescriptor<?>> ALL =
      List.of(
          ClusterKind.DESCRIPTOR,
          PolicyKinds.PROPAGATION_POLICY,
          PolicyKinds.CLUSTER_PROPAGATION_POLICY,
          PolicyKinds.OVERRIDE_POLICY,
          WorkKinds.RESOURCE_BINDING,
          WorkKinds.WORK,
          AutoscalingKinds.FEDERATED_HPA,
          AutoscalingKinds.CRON_FEDERATED_HPA,
          ShardedSetKind.DESCRIPTOR);

  /** All descriptors, grouped by API group. */
  public static List<KindDescriptor<?>> all() {
    return ALL;
  }

  /** The descriptor of {@code kind} in {@code group}, if Tidewater serves it. */
  public static Optional<KindDescriptor<?>> byKind(String group, String kind) {
    return ALL.stream().filter(d -> d.group().equals(group) && d.kind().equals(kind)).findFirst();
  }

  /** The descriptor of the resource {@code plural} in {@code group}, if Tidewater serves it. */
  public static Optional<KindDescriptor<?>> byResource(String group, String plural) {
    return ALL.stream().filter(d -> d.group().equals(group) && d.plural().equals(plural)).findFirst();
  }

  /** The distinct API groups, in the order of {@link #all()}. */
  public static List<String> groups() {
    return ALL.stream().map(KindDescriptor::group).distinct().toList();
  }
}
