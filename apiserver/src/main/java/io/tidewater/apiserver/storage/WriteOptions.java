package io.tidewater.apiserver.storage;

/**
 * Options of create, update and patch.
 *
 * @param dryRun validate and return the result without storing it ({@code dryRun=All})
 * @param fieldManager the manager recorded in managedFields
 * @param subresource "" for the main resource, or "status"/"scale"
 * @param apply whether managedFields were already computed by server-side apply
 */
public record WriteOptions(boolean dryRun, String fieldManager, String subresource, boolean apply) {
  public static WriteOptions of(String fieldManager) {
    return new WriteOptions(false, fieldManager, "", false);
  }

  public WriteOptions forSubresource(String sub) {
    return new WriteOptions(dryRun, fieldManager, sub, apply);
  }

  public WriteOptions asApply() {
    return new WriteOptions(dryRun, fieldManager, subresource, true);
  }
}
