package io.tidewater.apiserver.storage;

/**
 * Kubernetes' NamespaceLifecycle admission: nothing is created in a namespace that does not exist
 * or is being deleted. Implementations throw {@code ApiException} (404 or 403).
 */
@FunctionalInterface
public interface NamespaceAdmission {
  void admitCreate(String namespace);

  NamespaceAdmission ALLOW_ALL = ns -> {};
}
