package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.registry.ResourceType;

/**
 * Maintains {@code metadata.managedFields} for ordinary writes (operation {@code Update}):
 * the manager gains the fields it changed. Server-side apply computes its own.
 */
@FunctionalInterface
public interface ManagedFieldsUpdater {
  /**
   * @param old the stored object, or null on create
   * @param updated the object about to be stored; changed in place
   */
  void recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, String manager, String subresource);

  ManagedFieldsUpdater NONE = (type, old, updated, manager, subresource) -> {};
}
