package io.tidewater.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;

/** The schema-aware operations the REST layer needs: patches, server-side apply, unknown fields. */
public interface ObjectPatcher {

  /**
   * Applies a JSON, merge or strategic-merge patch to a private copy of the current object.
   *
   * @param patchType one of the patch media types
   */
  ObjectNode patch(ResourceType type, ObjectNode current, String patchType, byte[] patch);

  /**
   * Server-side apply of {@code config} by {@code manager}; {@code current} is null when the object
   * does not exist. Returns the merged object with managedFields updated.
   */
  ObjectNode apply(ResourceType type, ObjectNode current, ObjectNode config, String manager, boolean force, String subresource);

  /**
   * Values of a type the kind's schema does not allow, as {@code .spec.replicas: expected integer,
   * got string}; empty for kinds without a schema.
   */
  List<String> typeMismatches(ResourceType type, ObjectNode obj);

  /** Paths of fields the kind's schema does not know, as {@code spec.foo}. */
  List<String> unknownFields(ResourceType type, ObjectNode obj);

  /** Removes the fields the kind's schema does not know; returns their paths, as {@link #unknownFields}. */
  List<String> pruneUnknownFields(ResourceType type, ObjectNode obj);

  /** Whether strategic merge patch is available for the kind (built-in kinds only, as in Kubernetes). */
  boolean supportsStrategicMerge(ResourceType type);
}
