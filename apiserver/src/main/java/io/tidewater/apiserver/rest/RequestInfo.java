package io.tidewater.apiserver.rest;

import java.util.Set;

/**
 * A resource request parsed from its path, as Kubernetes' {@code RequestInfoFactory} does:
 * {@code /api/v1/namespaces/ns/pods/name/log} or {@code /apis/apps/v1/deployments}.
 *
 * @param namespace null for cluster-scoped or all-namespaces requests
 * @param name null for collection requests
 * @param subresource null for the main resource
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name, String subresource, boolean legacyWatchPath) {

  /** Subresources of namespaces that are not resources in a namespace. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** Parses a path; null if it is not a resource path. */
  public static RequestInfo parse(String path) {
    String[] parts = trim(path).split("/");
    int i;
    String group;
    String version;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      i = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      i = 3;
    } else {
      return null;
    }
    if (i >= parts.length) {
      return null;
    }
    boolean watch = false;
    if (parts[i].equals("watch")) {
      watch = true;
      i++;
    }
    int n = parts.length - i;
    if (n <= 0) {
      return null;
    }
    String namespace = null;
    if (parts[i].equals("namespaces") && n >= 2) {
      if (n == 2) {
        return new RequestInfo(group, version, null, "namespaces", parts[i + 1], null, watch);
      }
      if (NAMESPACE_SUBRESOURCES.contains(parts[i + 2]) && n == 3) {
        return new RequestInfo(group, version, null, "namespaces", parts[i + 1], parts[i + 2], watch);
      }
      namespace = parts[i + 1];
      i += 2;
      n -= 2;
    }
    String resource = parts[i];
    String name = n >= 2 ? parts[i + 1] : null;
    String sub = n >= 3 ? String.join("/", java.util.Arrays.copyOfRange(parts, i + 2, parts.length)) : null;
    return new RequestInfo(group, version, namespace, resource, name, sub, watch);
  }

  private static String trim(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }
}
