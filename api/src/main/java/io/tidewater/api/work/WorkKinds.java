package io.tidewater.api.work;

import io.tidewater.api.kinds.Cells;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.PrinterColumn;
import java.util.stream.Collectors;

/** The API server's view of ResourceBinding and Work; both have a status subresource, neither scales. */
public final class WorkKinds {
  private WorkKinds() {}

  /** Short name {@code rb}, as in Karmada. */
  public static final KindDescriptor<ResourceBinding> RESOURCE_BINDING =
      KindDescriptor.builder(ResourceBinding.class, ResourceBinding.GROUP, ResourceBinding.KIND)
          .plural("resourcebindings")
          .shortNames("rb")
          .defaulter(WorkDefaults::apply)
          .validator(BindingValidation::validate)
          .updateValidator(BindingValidation::validateUpdate)
          .status(BindingValidation::validateStatus)
          .column(PrinterColumn.of("Scheduled", "string", "Whether the scheduler placed every replica.",
              b -> b.status() == null ? null : Cells.condition(b.status().conditions(), ResourceBinding.CONDITION_SCHEDULED)))
          .column(PrinterColumn.of("FullyApplied", "string", "Whether every target cluster applied the template.",
              b -> b.status() == null ? null : Cells.condition(b.status().conditions(), ResourceBinding.CONDITION_FULLY_APPLIED)))
          .column(PrinterColumn.of("Clusters", "string", "Target clusters and their replicas.", WorkKinds::clusters))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Resource", "string", "The template.",
              b -> b.spec() == null || b.spec().resource() == null ? null : b.spec().resource().kind() + "/" + b.spec().resource().name()))
          .column(PrinterColumn.wide("Replicas", "integer", "Desired replicas of the template.", b -> b.spec() == null ? null : b.spec().replicas()))
          .column(PrinterColumn.wide("Unschedulable", "integer", "Replicas that fit nowhere.",
              b -> b.status() == null ? null : b.status().unschedulableReplicas()))
          .build();

  /** Short name {@code wk}, as in Karmada. */
  public static final KindDescriptor<Work> WORK =
      KindDescriptor.builder(Work.class, ResourceBinding.GROUP, Work.KIND)
          .plural("works")
          .shortNames("wk")
          .defaulter(WorkDefaults::apply)
          .validator(WorkValidation::validate)
          .status(WorkValidation::validateStatus)
          .column(PrinterColumn.of("Workload-Kind", "string", "Kind of the first manifest.", WorkKinds::workloadKind))
          .column(PrinterColumn.of("Applied", "string", "Whether the manifests were applied in the member.",
              w -> w.status() == null ? null : Cells.condition(w.status().conditions(), Work.CONDITION_APPLIED)))
          .column(PrinterColumn.of("Available", "string", "Whether the manifests exist in the member.",
              w -> w.status() == null ? null : Cells.condition(w.status().conditions(), Work.CONDITION_AVAILABLE)))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Cluster", "string", "The member, from the execution namespace.",
              w -> w.metadata() == null ? null : Work.clusterOf(w.metadata().getNamespace())))
          .column(PrinterColumn.wide("Suspended", "boolean", "Whether dispatching is suspended.",
              w -> w.spec() == null ? null : w.spec().suspendDispatching()))
          .build();

  private static String clusters(ResourceBinding b) {
    if (b.spec() == null || b.spec().clusters() == null || b.spec().clusters().isEmpty()) {
      return null;
    }
    return b.spec().clusters().stream()
        .map(c -> c.name() + ":" + (c.replicas() == null ? 0 : c.replicas()))
        .collect(Collectors.joining(","));
  }

  private static String workloadKind(Work w) {
    if (w.spec() == null || w.spec().workload() == null || w.spec().workload().manifests() == null
        || w.spec().workload().manifests().isEmpty()) {
      return null;
    }
    return w.spec().workload().manifests().get(0).path("kind").asText(null);
  }
}
