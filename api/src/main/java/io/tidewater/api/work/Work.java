package io.tidewater.api.work;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.tidewater.api.kinds.TidewaterObject;
import io.tidewater.api.kinds.openapi.OpenApiGenerator.Docs;
import io.tidewater.api.kinds.openapi.Required;

/** What is applied to one member for one template ({@code work.tidewater.io/v1alpha1}, namespaced). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription(
    "Work holds the rendered objects for one template in one member cluster (replicas, overrides, labels and"
        + " dependencies applied), and the result of applying them. Works live in the member's execution"
        + " namespace, tidewater-es-<cluster>.")
public record Work(
    @JsonPropertyDescription(Docs.API_VERSION) String apiVersion,
    @JsonPropertyDescription(Docs.KIND) String kind,
    @JsonPropertyDescription(Docs.METADATA) ObjectMeta metadata,
    @Required @JsonPropertyDescription("Spec is the objects to apply.") WorkSpec spec,
    @JsonPropertyDescription("Status is the result of applying them.") WorkStatus status)
    implements TidewaterObject {

  public static final String KIND = "Work";

  /** Works for member {@code c} live in namespace {@code tidewater-es-c}. */
  public static final String EXECUTION_NAMESPACE_PREFIX = "tidewater-es-";

  /** The execution controller's finalizer: it removes the Work's objects from the member first. */
  public static final String EXECUTION_FINALIZER = "tidewater.io/execution";
  public static final String CONDITION_APPLIED = "Applied";
  public static final String CONDITION_PROGRESSING = "Progressing";
  public static final String CONDITION_AVAILABLE = "Available";
  public static final String CONDITION_DEGRADED = "Degraded";

  public static String executionNamespace(String cluster) {
    return EXECUTION_NAMESPACE_PREFIX + cluster;
  }

  /** The member an execution namespace belongs to, or null when it is not one. */
  public static String clusterOf(String namespace) {
    return namespace != null && namespace.startsWith(EXECUTION_NAMESPACE_PREFIX)
        ? namespace.substring(EXECUTION_NAMESPACE_PREFIX.length())
        : null;
  }
}
