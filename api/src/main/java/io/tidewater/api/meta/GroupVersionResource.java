package io.tidewater.api.meta;

/** A resource (the plural, lower-case name in URLs) in one version of one API group. */
public record GroupVersionResource(String group, String version, String resource) {

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code deployments.apps} style, as kubectl prints it; just the resource for the core group. */
  public String groupResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  @Override
  public String toString() {
    return apiVersion() + "/" + resource;
  }
}
