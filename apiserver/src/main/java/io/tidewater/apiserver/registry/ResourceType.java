package io.tidewater.apiserver.registry;

import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.GroupVersionResource;
import java.util.List;

/**
 * One served resource: its names, scope and the strategy that specialises the generic registry.
 *
 * @param gvr group, version and plural resource name
 * @param kind the Kind
 * @param singular the singular resource name
 * @param namespaced whether objects live in namespaces
 * @param shortNames kubectl short names
 * @param categories kubectl categories ("all")
 */
public record ResourceType(
    GroupVersionResource gvr,
    String kind,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    ResourceStrategy strategy) {

  public ResourceType {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
  }

  public String group() {
    return gvr.group();
  }

  public String version() {
    return gvr.version();
  }

  public String resource() {
    return gvr.resource();
  }

  public String apiVersion() {
    return gvr.apiVersion();
  }

  public String listKind() {
    return kind + "List";
  }

  public GroupVersionKind gvk() {
    return new GroupVersionKind(gvr.group(), gvr.version(), kind);
  }

  /** "deployments.apps", or "pods" for the core group: how Kubernetes names a resource in messages. */
  public String qualifiedResource() {
    return gvr.groupResource();
  }

  public boolean hasStatus() {
    return strategy.hasStatus();
  }
}
