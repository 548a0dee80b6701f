package io.tidewater.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What makes one kind different from another inside the generic registry: defaults, validation,
 * printer columns, selectable fields and subresources. Everything else (storage, metadata,
 * optimistic concurrency, watch, patch, Table, OpenAPI) is shared.
 *
 * <p>Methods receive mutable JSON trees and may change them in place.
 */
public interface ResourceStrategy {

  /** Whether changes to anything but metadata and status bump {@code metadata.generation}. */
  default boolean tracksGeneration() {
    return false;
  }

  /** Whether the kind has a {@code status} subresource: status is then only written through it. */
  default boolean hasStatus() {
    return false;
  }

  /**
   * Whether status sent on create is dropped (most kinds: status belongs to controllers). Nodes
   * keep theirs, as a kubelet registers a node with its status.
   */
  default boolean resetsStatusOnCreate() {
    return hasStatus();
  }

  /** The {@code scale} subresource mapping, if the kind has one. */
  default Optional<ScaleMapping> scale() {
    return Optional.empty();
  }

  /** Fills unset fields with their defaults. Must be idempotent: it runs on every write. */
  default void applyDefaults(ObjectNode obj) {}

  /** Called once before an object is first stored (after defaults), e.g. to allocate fields. */
  default void prepareForCreate(ObjectNode obj) {}

  /** Called before an update is stored, with the stored object it replaces. */
  default void prepareForUpdate(ObjectNode obj, ObjectNode old) {}

  /** Problems with an object's name; most kinds use DNS-1123 subdomains. */
  default List<String> validateName(String name) {
    return io.tidewater.api.validation.NameRules.dns1123Subdomain(name);
  }

  /** Kind-specific validation of a new object. Metadata is validated generically. */
  default List<FieldError> validate(ObjectNode obj) {
    return List.of();
  }

  /** Kind-specific validation of an update (immutable fields and the like), plus {@link #validate}. */
  default List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return validate(obj);
  }

  /** Columns after NAME; AGE is usually last and is supplied by {@link Columns#age()}. */
  default List<PrinterColumn> printerColumns() {
    return List.of(Columns.age());
  }

  /**
   * Extra fields usable in field selectors, beyond {@code metadata.name} and {@code
   * metadata.namespace}. The function returns the field's value as a string ("" when unset).
   */
  default Map<String, Function<ObjectNode, String>> selectableFields() {
    return Map.of();
  }

  /** Whether an object of this kind is deleted immediately or waits for a controller (namespaces). */
  default DeletionBehaviour deletionBehaviour() {
    return DeletionBehaviour.STANDARD;
  }

  /**
   * Whether something other than metadata.finalizers still holds a marked object (a namespace's
   * {@code spec.finalizers}). The object is removed once nothing holds it.
   */
  default boolean blocksDeletion(ObjectNode obj) {
    return false;
  }

  /**
   * Kubernetes' {@code CheckGracefulDelete}: for kinds deleted gracefully (pods), the grace period
   * in seconds a delete marks the object with, given the period the client asked for (or null). A
   * positive period leaves the object in place with {@code deletionTimestamp} in the future for its
   * owner (a kubelet) to finish; 0 deletes at once. Null means the kind has no graceful deletion.
   */
  default Long gracefulDeletionPeriod(ObjectNode obj, Long requestedSeconds) {
    return null;
  }

  enum DeletionBehaviour {
    /** Deleted at once unless finalizers hold it. */
    STANDARD,
    /** Always marked for deletion first; a controller finishes it (namespaces). */
    FINALIZED_BY_CONTROLLER
  }
}
