package io.tidewater.api.apps;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** A rows x columns stateful workload ({@code apps.tidewater.io/v1alpha1}, namespaced). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "ShardedSet runs a sharded stateful service (search, ads, recommendation, parameter servers) as a matrix:"
        + " shards are columns, replicasPerShard are rows. Pod <name>-<shard>-<row> has a stable identity and"
        + " storage like a StatefulSet pod, and shards may spread over member clusters.")
public record ShardedSet(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the desired matrix, pod template and update strategy.") ShardedSetSpec spec,
    @JsonPropertyDescription("Status is the observed matrix, overall and per shard.") ShardedSetStatus status)
    implements TidewaterObject {

  public static final String GROUP = "apps.tidewater.io";
  public static final String API_VERSION = GROUP + "/v1alpha1";
  public static final String KIND = "ShardedSet";

  /** Pod label carrying the shard (column) index. */
  public static final String SHARD_INDEX_LABEL = "apps.tidewater.io/shard-index";
  /** Pod label carrying the row (replica) index within the shard. */
  public static final String ROW_INDEX_LABEL = "apps.tidewater.io/row-index";
}
