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

  private static final int MAX_NAME = 253;
  private static final int HASH_CHARS = 10;

  /**
   * The name of the Work of binding {@code bindingNamespace/bindingName} in any member's execution
   * namespace: {@code <namespace>.<binding name>}. Every namespace's Works for one member share that
   * member's execution namespace, so the binding's name alone would make two namespaces' ConfigMaps
   * called {@code settings} fight over one Work. Namespaces are DNS labels (no dots), so the first
   * dot ends the namespace and the name is unique. A name longer than an object name may be keeps
   * its start and ends in a hash of the whole.
   */
  public static String nameFor(String bindingNamespace, String bindingName) {
    String full = bindingNamespace + "." + bindingName;
    if (full.length() <= MAX_NAME) {
      return full;
    }
    String hash;
    try {
      hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(full.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, HASH_CHARS);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    String prefix = full.substring(0, MAX_NAME - HASH_CHARS - 1).replaceAll("[.-]+$", "");
    return prefix + "-" + hash;
  }
}
