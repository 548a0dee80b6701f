package io.tidewater.controllers.runtime;

import io.tidewater.api.meta.GroupVersionKind;
import java.util.List;

/** The template kinds the federation propagates, and the namespaces it never touches. */
public final class Templates {
  private Templates() {}

  public static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1", "Deployment");
  public static final GroupVersionKind STATEFULSET = new GroupVersionKind("apps", "v1", "StatefulSet");
  public static final GroupVersionKind CONFIGMAP = new GroupVersionKind("", "v1", "ConfigMap");
  public static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");
  public static final GroupVersionKind SERVICE = new GroupVersionKind("", "v1", "Service");
  public static final GroupVersionKind SERVICEACCOUNT = new GroupVersionKind("", "v1", "ServiceAccount");
  public static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");

  public static final List<GroupVersionKind> ALL = List.of(DEPLOYMENT, STATEFULSET, CONFIGMAP, SECRET, SERVICE, SERVICEACCOUNT);

  /** System namespaces and Tidewater's execution namespaces hold no templates. */
  public static boolean ignoredNamespace(String namespace) {
    return namespace == null || namespace.startsWith("kube-") || namespace.startsWith("tidewater-");
  }

  /** Objects every namespace has of its own (they are not templates). */
  public static boolean ignoredObject(GroupVersionKind kind, String name) {
    return (kind.equals(SERVICEACCOUNT) && name.equals("default")) || (kind.equals(CONFIGMAP) && name.equals("kube-root-ca.crt"));
  }
}
