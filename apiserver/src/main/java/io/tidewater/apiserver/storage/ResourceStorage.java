package io.tidewater.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;

/**
 * The verbs of one resource, whatever serves it: the store behind a watch cache for
 * federation-owned kinds, or the Cluster Gateway for member-owned ones (pods, nodes, events).
 * Implementations throw {@code ApiException} for every failure a client should see.
 */
public interface ResourceStorage {

  ResourceType type();

  /** namespace is null for cluster-scoped resources. */
  CachedObject get(String namespace, String name, GetOptions options);

  /** namespace is null for a cluster-wide list. */
  ListResult list(String namespace, ListOptions options);

  WatchStream watch(String namespace, ListOptions options);

  ObjectNode create(String namespace, ObjectNode object, WriteOptions options);

  UpdateResult update(String namespace, String name, UpdateFunction update, WriteOptions options);

  DeleteResult delete(String namespace, String name, DeleteOptions options);

  List<ObjectNode> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options);

  /** @param created whether the update created the object (server-side apply) */
  record UpdateResult(ObjectNode object, boolean created) {}

  /** @param deleted whether the object is gone, or only marked for deletion (finalizers) */
  record DeleteResult(ObjectNode object, boolean deleted) {}
}
