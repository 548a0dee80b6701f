package io.tidewater.apiserver.patch.apply;

/**
 * One field an apply would change although another manager owns it: one {@code StatusCause} of
 * type {@code FieldManagerConflict} in the 409 Conflict response.
 */
public record ApplyConflict(ManagerIdentity owner, FieldPath path) {

  /** The cause's type, as Kubernetes sets it. */
  public static final String CAUSE_TYPE = "FieldManagerConflict";

  /** The cause's message: {@code conflict with "kubectl-client-side-apply" using apps/v1}. */
  public String message() {
    return "conflict with " + owner.describe();
  }

  /** The cause's field: {@code .spec.replicas}. */
  public String field() {
    return path.toString();
  }
}
