package io.tidewater.api.autoscaling;

import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.PrinterColumn;
import java.util.stream.Collectors;

/**
 * The API server's view of FederatedHPA and CronFederatedHPA. Both have a status subresource; neither has a
 * scale subresource (an autoscaler is not itself scaled, as for HorizontalPodAutoscaler).
 */
public final class AutoscalingKinds {
  private AutoscalingKinds() {}

  /** Short name {@code fhpa}, as in Karmada. */
  public static final KindDescriptor<FederatedHPA> FEDERATED_HPA =
      KindDescriptor.builder(FederatedHPA.class, FederatedHPA.GROUP, FederatedHPA.KIND)
          .plural("federatedhpas")
          .shortNames("fhpa")
          .defaulter(AutoscalingDefaults::apply)
          .validator(FederatedHPAValidation::validate)
          .status(FederatedHPAValidation::validateStatus)
          .column(PrinterColumn.of("Reference-Kind", "string", "Kind of the scaled template.",
              h -> h.spec() == null || h.spec().scaleTargetRef() == null ? null : h.spec().scaleTargetRef().getKind()))
          .column(PrinterColumn.of("Reference-Name", "string", "Name of the scaled template.",
              h -> h.spec() == null || h.spec().scaleTargetRef() == null ? null : h.spec().scaleTargetRef().getName()))
          .column(PrinterColumn.of("MinPods", "integer", "Fewest replicas fleet-wide.", h -> h.spec() == null ? null : h.spec().minReplicas()))
          .column(PrinterColumn.of("MaxPods", "integer", "Most replicas fleet-wide.", h -> h.spec() == null ? null : h.spec().maxReplicas()))
          .column(PrinterColumn.of("Replicas", "integer", "Current replicas fleet-wide.",
              h -> h.status() == null ? null : h.status().getCurrentReplicas()))
          .column(PrinterColumn.age())
          .build();

  /** Short name {@code cronfhpa}, as in Karmada. */
  public static final KindDescriptor<CronFederatedHPA> CRON_FEDERATED_HPA =
      KindDescriptor.builder(CronFederatedHPA.class, FederatedHPA.GROUP, CronFederatedHPA.KIND)
          .plural("cronfederatedhpas")
          .shortNames("cronfhpa")
          .defaulter(AutoscalingDefaults::apply)
          .validator(CronFederatedHPAValidation::validate)
          .status(CronFederatedHPAValidation::validateStatus)
          .column(PrinterColumn.of("Reference-Kind", "string", "Kind of the scaled object.",
              c -> c.spec() == null || c.spec().scaleTargetRef() == null ? null : c.spec().scaleTargetRef().getKind()))
          .column(PrinterColumn.of("Reference-Name", "string", "Name of the scaled object.",
              c -> c.spec() == null || c.spec().scaleTargetRef() == null ? null : c.spec().scaleTargetRef().getName()))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Rules", "string", "Rule names and schedules.",
              c -> c.spec() == null || c.spec().rules() == null ? null
                  : c.spec().rules().stream().map(r -> r.name() + "(" + r.schedule() + ")").collect(Collectors.joining(","))))
          .build();
}
