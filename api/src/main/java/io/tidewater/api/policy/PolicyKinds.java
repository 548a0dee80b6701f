package io.tidewater.api.policy;

import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.PrinterColumn;
import io.tidewater.api.kinds.openapi.JsonEnums;
import java.util.stream.Collectors;

/** The API server's view of the three policy kinds. Policies have no status, so no subresources. */
public final class PolicyKinds {
  private PolicyKinds() {}

  /** Short name {@code pp}, as in Karmada. */
  public static final KindDescriptor<PropagationPolicy> PROPAGATION_POLICY =
      KindDescriptor.builder(PropagationPolicy.class, PropagationPolicy.GROUP, PropagationPolicy.KIND)
          .plural("propagationpolicies")
          .shortNames("pp")
          .defaulter(PolicyDefaults::apply)
          .validator(PolicyValidation::validate)
          .column(PrinterColumn.of("Conflict-Resolution", "string", "What happens to objects that already exist in members.",
              p -> spec(p) == null || spec(p).conflictResolution() == null ? null : JsonEnums.value(spec(p).conflictResolution())))
          .column(PrinterColumn.of("Priority", "integer", "The policy's priority; the highest matching policy wins.",
              p -> spec(p) == null ? null : spec(p).priority()))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Scheduling", "string", "How replicas are scheduled.", p -> scheduling(spec(p))))
          .column(PrinterColumn.wide("Tiers", "string", "The tier order.", p -> tiers(spec(p))))
          .build();

  /** Short name {@code cpp}, as in Karmada. */
  public static final KindDescriptor<ClusterPropagationPolicy> CLUSTER_PROPAGATION_POLICY =
      KindDescriptor.builder(ClusterPropagationPolicy.class, PropagationPolicy.GROUP, ClusterPropagationPolicy.KIND)
          .plural("clusterpropagationpolicies")
          .clusterScoped()
          .shortNames("cpp")
          .defaulter(PolicyDefaults::apply)
          .validator(PolicyValidation::validate)
          .column(PrinterColumn.of("Conflict-Resolution", "string", "What happens to objects that already exist in members.",
              p -> spec(p) == null || spec(p).conflictResolution() == null ? null : JsonEnums.value(spec(p).conflictResolution())))
          .column(PrinterColumn.of("Priority", "integer", "The policy's priority; the highest matching policy wins.",
              p -> spec(p) == null ? null : spec(p).priority()))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Scheduling", "string", "How replicas are scheduled.", p -> scheduling(spec(p))))
          .column(PrinterColumn.wide("Tiers", "string", "The tier order.", p -> tiers(spec(p))))
          .build();

  /** Short name {@code op}, as in Karmada. */
  public static final KindDescriptor<OverridePolicy> OVERRIDE_POLICY =
      KindDescriptor.builder(OverridePolicy.class, PropagationPolicy.GROUP, OverridePolicy.KIND)
          .plural("overridepolicies")
          .shortNames("op")
          .defaulter(PolicyDefaults::apply)
          .validator(OverridePolicyValidation::validate)
          .column(PrinterColumn.of("Rules", "integer", "The number of override rules.",
              p -> p.spec() == null || p.spec().overrideRules() == null ? 0 : p.spec().overrideRules().size()))
          .column(PrinterColumn.age())
          .build();

  private static PropagationSpec spec(AnyPropagationPolicy p) {
    return p.spec();
  }

  private static String scheduling(PropagationSpec s) {
    if (s == null || s.placement() == null || s.placement().replicaScheduling() == null) {
      return null;
    }
    ReplicaSchedulingStrategy r = s.placement().replicaScheduling();
    if (r.replicaSchedulingType() == null) {
      return null;
    }
    String type = JsonEnums.value(r.replicaSchedulingType());
    return r.replicaDivisionPreference() == null ? type : type + "/" + JsonEnums.value(r.replicaDivisionPreference());
  }

  private static String tiers(PropagationSpec s) {
    if (s == null || s.placement() == null || s.placement().tiers() == null) {
      return null;
    }
    return s.placement().tiers().stream().map(Tier::name).collect(Collectors.joining(","));
  }
}
