package io.tidewater.api.apps;

import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.PrinterColumn;
import io.tidewater.api.kinds.ScaleSubresource;

/** The API server's view of {@code shardedsets.apps.tidewater.io}: status and scale subresources. */
public final class ShardedSetKind {
  private ShardedSetKind() {}

  /**
   * Short name {@code ss} (sharded set; StatefulSet's is {@code sts}, so no clash). Category {@code all} too,
   * like StatefulSets, since it is a workload. Scale acts on rows (replicasPerShard): an autoscaler adds
   * replicas of every shard, while the shard count is a data-layout decision made by hand.
   */
  public static final KindDescriptor<ShardedSet> DESCRIPTOR =
      KindDescriptor.builder(ShardedSet.class, ShardedSet.GROUP, ShardedSet.KIND)
          .plural("shardedsets")
          .shortNames("ss")
          .categories("tidewater", "all")
          .defaulter(ShardedSetDefaults::apply)
          .validator(ShardedSetValidation::validate)
          .updateValidator(ShardedSetValidation::validateUpdate)
          .status(ShardedSetValidation::validateStatus)
          .scale(new ScaleSubresource(".spec.replicasPerShard", ".status.replicasPerShard", ".status.selector"))
          .column(PrinterColumn.of("Shards", "integer", "Number of shards (columns).", s -> s.spec() == null ? null : s.spec().shards()))
          .column(PrinterColumn.of("Rows", "integer", "Replicas per shard (rows).", s -> s.spec() == null ? null : s.spec().replicasPerShard()))
          .column(PrinterColumn.of("Ready", "string", "Ready pods over desired pods.", ShardedSetKind::ready))
          .column(PrinterColumn.age())
          .column(PrinterColumn.wide("Updated", "integer", "Pods on the update revision.", s -> s.status() == null ? null : s.status().updatedReplicas()))
          .column(PrinterColumn.wide("Containers", "string", "Container names.",
              s -> s.spec() == null || s.spec().template() == null || s.spec().template().getSpec() == null ? null
                  : String.join(",", s.spec().template().getSpec().getContainers().stream().map(c -> c.getName()).toList())))
          .column(PrinterColumn.wide("Images", "string", "Container images.",
              s -> s.spec() == null || s.spec().template() == null || s.spec().template().getSpec() == null ? null
                  : String.join(",", s.spec().template().getSpec().getContainers().stream().map(c -> c.getImage()).toList())))
          .build();

  private static String ready(ShardedSet s) {
    if (s.spec() == null || s.spec().shards() == null || s.spec().replicasPerShard() == null) {
      return null;
    }
    int ready = s.status() == null || s.status().readyReplicas() == null ? 0 : s.status().readyReplicas();
    return ready + "/" + (s.spec().shards() * s.spec().replicasPerShard());
  }
}
