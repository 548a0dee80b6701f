package io.tidewater.member.write;

/**
 * How to delete an object on a member.
 *
 * @param propagationPolicy "Background", "Foreground", "Orphan", or null for the member's default
 * @param gracePeriodSeconds or null for the object's default
 * @param resourceVersion delete only while the object is at this member resourceVersion, or null
 */
public record DeleteRequest(String propagationPolicy, Long gracePeriodSeconds, String resourceVersion) {
  public static final DeleteRequest DEFAULT = new DeleteRequest(null, null, null);

  public static DeleteRequest propagation(String policy) {
    return new DeleteRequest(policy, null, null);
  }
}
