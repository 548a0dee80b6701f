package io.tidewater.apiserver.lifecycle;

import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.errors.StatusCause;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.NamespaceAdmission;
import io.tidewater.apiserver.storage.ResourceStorage;
import java.util.List;
import java.util.function.Supplier;

/**
 * Refuses creates in missing (404) or terminating (403) namespaces. Reads the namespace cache
 * first and falls back to a consistent read on a miss, as Kubernetes' admission plugin does.
 */
public final class NamespaceLifecycleAdmission implements NamespaceAdmission {
  /** Kubernetes' immortal namespaces. */
  private static final java.util.Set<String> IMMORTAL = java.util.Set.of("default", "kube-system", "kube-public");

  private final Supplier<ResourceStorage> namespaces;

  public NamespaceLifecycleAdmission(Supplier<ResourceStorage> namespaces) {
    this.namespaces = namespaces;
  }

  @Override
  public void admitCreate(ResourceType type, String namespace, String name) {
    CachedObject ns;
    try {
      ns = namespaces.get().get(null, namespace, new GetOptions("0"));
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
      try {
        ns = namespaces.get().get(null, namespace, GetOptions.LATEST);
      } catch (ApiException e2) {
        if (e2.code() == 404) {
          throw ApiException.notFound("", "namespaces", namespace);
        }
        throw e2;
      }
    }
    if (ObjectMetas.isDeleting(ns.object())) {
      String message = (type.group().isEmpty() ? type.resource() : type.resource() + "." + type.group())
          + " \"" + (name == null ? "" : name) + "\" is forbidden: unable to create new content in namespace " + namespace
          + " because it is being terminated";
      throw ApiException.forbidden(type.group(), type.resource(), name, message)
          .withCauses(List.of(new StatusCause("NamespaceTerminating", "namespace " + namespace + " is terminating", "metadata.namespace")));
    }
  }

  @Override
  public void admitDelete(ResourceType type, String name) {
    if (type.group().isEmpty() && type.resource().equals("namespaces") && IMMORTAL.contains(name)) {
      throw ApiException.forbidden("", "namespaces", name, "namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
    }
  }
}
