package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Computes the new object from the current one inside an optimistic-concurrency retry loop (the
 * analogue of Kubernetes' {@code rest.UpdatedObjectInfo}). It may be called several times.
 */
@FunctionalInterface
public interface UpdateFunction {
  /**
   * @param current a private copy of the stored object, or null if it does not exist
   * @return the object to store; throwing an {@code ApiException} aborts the update
   */
  ObjectNode apply(ObjectNode current);

  /** Whether a missing object may be created by this update (server-side apply). */
  default boolean allowCreate() {
    return false;
  }
}
