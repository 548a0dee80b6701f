package io.tidewater.apiserver.registry;

import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.GroupVersionResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every resource type the server knows, in registration order (which is discovery order). Built
 * once at start-up; read-only afterwards, so it needs no locking.
 */
public final class ResourceRegistry {
  private final Map<GroupVersionResource, ResourceType> byGvr = new LinkedHashMap<>();
  private final Map<GroupVersionKind, ResourceType> byGvk = new LinkedHashMap<>();

  public ResourceRegistry register(ResourceType type) {
    if (byGvr.putIfAbsent(type.gvr(), type) != null) {
      throw new IllegalArgumentException("resource registered twice: " + type.gvr());
    }
    byGvk.put(type.gvk(), type);
    return this;
  }

  public Optional<ResourceType> find(String group, String version, String resource) {
    return Optional.ofNullable(byGvr.get(new GroupVersionResource(group, version, resource)));
  }

  public Optional<ResourceType> find(GroupVersionKind gvk) {
    return Optional.ofNullable(byGvk.get(gvk));
  }

  public List<ResourceType> all() {
    return List.copyOf(byGvr.values());
  }

  /** Group names in registration order; the core group ("") first if present. */
  public List<String> groups() {
    Set<String> groups = new LinkedHashSet<>();
    byGvr.keySet().forEach(g -> groups.add(g.group()));
    return new ArrayList<>(groups);
  }

  /** Versions served for a group, preferred first. */
  public List<String> versions(String group) {
    Set<String> versions = new LinkedHashSet<>();
    byGvr.keySet().stream().filter(g -> g.group().equals(group)).forEach(g -> versions.add(g.version()));
    return new ArrayList<>(versions);
  }

  public List<ResourceType> resources(String group, String version) {
    List<ResourceType> out = new ArrayList<>();
    for (ResourceType t : byGvr.values()) {
      if (t.group().equals(group) && t.version().equals(version)) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
