package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.registry.ResourceType;

/**
 * Kubernetes' NamespaceLifecycle admission: nothing is created in a namespace that does not exist
 * or is being deleted, and the system namespaces are never deleted. Implementations throw {@code
 * ApiException} (404 or 403).
 */
@FunctionalInterface
public interface NamespaceAdmission {
  void admitCreate(ResourceType type, String namespace, String name);

  /** Refuses deleting what may not be deleted (the system namespaces). */
  default void admitDelete(ResourceType type, String name) {}

  NamespaceAdmission ALLOW_ALL = (type, ns, name) -> {};
}
