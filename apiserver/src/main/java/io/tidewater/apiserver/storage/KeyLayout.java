package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.registry.ResourceType;

/**
 * Where objects live in the store: {@code /registry/<group|core>/<resource>/[<namespace>/]<name>}.
 * The version is not part of the key: one storage version per resource.
 */
public final class KeyLayout {
  public static final String ROOT = "/registry/";

  private KeyLayout() {}

  public static String prefix(ResourceType type) {
    return prefix(type.group(), type.resource());
  }

  public static String prefix(String group, String resource) {
    return ROOT + (group.isEmpty() ? "core" : group) + "/" + resource + "/";
  }

  /** The prefix of one namespace's objects, or of all objects when {@code namespace} is null. */
  public static String prefix(ResourceType type, String namespace) {
    return namespace == null || !type.namespaced() ? prefix(type) : prefix(type) + namespace + "/";
  }

  public static String key(ResourceType type, String namespace, String name) {
    return prefix(type) + objectKey(type.namespaced() ? namespace : null, name);
  }

  /** The key of an object within its resource: {@code namespace/name} or {@code name}. */
  public static String objectKey(String namespace, String name) {
    return namespace == null ? name : namespace + "/" + name;
  }

  /**
   * The resource prefix a full key belongs to ({@code /registry/apps/deployments/}), or null if the
   * key is not under {@link #ROOT}.
   */
  public static String resourcePrefixOf(String key) {
    if (!key.startsWith(ROOT)) {
      return null;
    }
    int groupEnd = key.indexOf('/', ROOT.length());
    if (groupEnd < 0) {
      return null;
    }
    int resourceEnd = key.indexOf('/', groupEnd + 1);
    return resourceEnd < 0 ? null : key.substring(0, resourceEnd + 1);
  }
}
