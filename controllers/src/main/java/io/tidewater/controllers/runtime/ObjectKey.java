package io.tidewater.controllers.runtime;

import io.tidewater.api.meta.GroupVersionKind;

/** Identifies one object in the federation: its kind, namespace ("" if cluster-scoped) and name. */
public record ObjectKey(GroupVersionKind kind, String namespace, String name) {
  public static ObjectKey of(GroupVersionKind kind, String namespace, String name) {
    return new ObjectKey(kind, namespace == null ? "" : namespace, name);
  }

  /** The informer store key: {@code namespace/name} or {@code name}. */
  public String storeKey() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind.kind() + " " + storeKey();
  }
}
