package io.tidewater.apiserver.patch.apply;

import java.util.Comparator;
import java.util.Objects;

/**
 * Who owns a set of fields: one managedFields entry. As in Kubernetes, an applier is identified by
 * manager and subresource only (so each apply replaces its previous set whatever the API version),
 * while an updater is identified per API version as well.
 *
 * @param manager the field manager, for example {@code kubectl} or {@code kube-controller-manager}
 * @param operation {@code Apply} or {@code Update}
 * @param apiVersion the API version of an Update; null for Apply
 * @param subresource empty for the main resource, else {@code status}, {@code scale}, ...
 */
public record ManagerIdentity(String manager, String operation, String apiVersion, String subresource) {

  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  static final Comparator<ManagerIdentity> ORDER =
      Comparator.comparing(ManagerIdentity::manager)
          .thenComparing(ManagerIdentity::operation)
          .thenComparing(m -> m.apiVersion == null ? "" : m.apiVersion)
          .thenComparing(ManagerIdentity::subresource);

  public ManagerIdentity {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(operation, "operation");
    subresource = subresource == null ? "" : subresource;
    if (operation.equals(APPLY)) {
      apiVersion = null;
    }
  }

  public static ManagerIdentity apply(String manager, String subresource) {
    return new ManagerIdentity(manager, APPLY, null, subresource);
  }

  public static ManagerIdentity update(String manager, String apiVersion, String subresource) {
    return new ManagerIdentity(manager, UPDATE, apiVersion, subresource);
  }

  public boolean isApply() {
    return operation.equals(APPLY);
  }

  /**
   * The manager as Kubernetes names it in conflicts: {@code "kubectl"},
   * {@code "kube-controller-manager" using apps/v1}, {@code "kubectl" with subresource "scale" using apps/v1}.
   */
  public String describe() {
    StringBuilder out = new StringBuilder(quote(manager));
    if (!subresource.isEmpty()) {
      out.append(" with subresource ").append(quote(subresource));
    }
    if (!isApply()) {
      out.append(" using ").append(apiVersion);
    }
    return out.toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
