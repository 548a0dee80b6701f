package io.tidewater.apiserver.storage;

/**
 * Options of a DELETE, from the query or a {@code DeleteOptions} body.
 *
 * @param propagationPolicy "Background", "Foreground", "Orphan", or null for the kind's default
 * @param gracePeriodSeconds requested grace period, or null
 * @param preconditionUid delete only if the object's uid is this
 * @param preconditionResourceVersion delete only if the object's resourceVersion is this
 */
public record DeleteOptions(
    boolean dryRun, String propagationPolicy, Long gracePeriodSeconds, String preconditionUid, String preconditionResourceVersion) {
  public static final DeleteOptions DEFAULT = new DeleteOptions(false, null, null, null, null);

  public static DeleteOptions propagation(String policy) {
    return new DeleteOptions(false, policy, null, null, null);
  }
}
