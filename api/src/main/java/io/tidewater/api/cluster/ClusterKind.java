package io.tidewater.api.cluster;

import io.tidewater.api.kinds.Cells;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.PrinterColumn;
import java.util.Optional;
import java.util.function.Function;

/** The API server's view of {@code clusters.cluster.tidewater.io}. */
public final class ClusterKind {
  private ClusterKind() {}

  /**
   * Short name {@code mc}, for "member cluster", DESIGN's word for it. Kubernetes short names abbreviate the
   * resource ({@code cm}, {@code sts}); {@code cl} is taken by Cluster API's clusters and {@code cs} by
   * componentstatuses, and {@code mc} clashes with no built-in kind.
   */
  public static final KindDescriptor<Cluster> DESCRIPTOR =
      KindDescriptor.builder(Cluster.class, Cluster.GROUP, Cluster.KIND)
          .plural("clusters")
          .clusterScoped()
          .shortNames("mc")
          .categories("tidewater")
          .nameRule(ClusterValidation::validateName)
          .defaulter(ClusterDefaults::apply)
          .validator(ClusterValidation::validate)
          .updateValidator(ClusterValidation::validateUpdate)
          .status(ClusterValidation::validateStatus)
          .column(PrinterColumn.of("Tier", "string", "The member's cost tier.", c -> spec(c, ClusterSpec::tier)))
          .column(PrinterColumn.of("Ready", "string", "Whether the member's API is ready.",
              c -> Cells.condition(status(c, ClusterStatus::conditions), Cluster.CONDITION_READY)))
          .column(PrinterColumn.of("Nodes", "string", "Ready nodes over all nodes.",
              c -> Optional.ofNullable(status(c, ClusterStatus::nodeSummary)).map(n -> Cells.ratio(n.readyNum(), n.totalNum())).orElse(null)))
          .column(PrinterColumn.of("CPU", "string", "CPU cores requested over allocatable.", c -> resources(c, "cpu")))
          .column(PrinterColumn.of("GPU", "string", "GPUs requested over allocatable.", c -> resources(c, "nvidia.com/gpu")))
          .column(PrinterColumn.of("Pods", "string", "Pods scheduled over the pod capacity.", c -> resources(c, "pods")))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Region", "string", "The member's region.", c -> spec(c, ClusterSpec::region)))
          .column(PrinterColumn.wide("Zone", "string", "The member's zone.", c -> spec(c, ClusterSpec::zone)))
          .column(PrinterColumn.wide("Mode", "string", "How Tidewater reaches the member: Kubeconfig or Simulated.",
              c -> c.spec() == null || c.spec().connection() == null ? null
                  : c.spec().connection() instanceof SimulatedCluster ? "Simulated" : "Kubeconfig"))
          .column(PrinterColumn.wide("Version", "string", "The member's Kubernetes version.",
              c -> status(c, ClusterStatus::kubernetesVersion)))
          .build();

  private static String resources(Cluster c, String resource) {
    ResourceSummary r = status(c, ClusterStatus::resourceSummary);
    return r == null ? null : Cells.ratio(r.allocated(), r.allocatable(), resource);
  }

  private static <V> V spec(Cluster c, Function<ClusterSpec, V> f) {
    return c.spec() == null ? null : f.apply(c.spec());
  }

  private static <V> V status(Cluster c, Function<ClusterStatus, V> f) {
    return c.status() == null ? null : f.apply(c.status());
  }
}
