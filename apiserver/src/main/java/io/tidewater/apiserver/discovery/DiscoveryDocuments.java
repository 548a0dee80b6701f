package io.tidewater.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The discovery documents kubectl and client libraries read to map kinds to resources: the legacy
 * forms ({@code /api}, {@code /apis}, {@code /apis/g/v}) and aggregated discovery
 * ({@code apidiscovery.k8s.io} v2 and v2beta1), all derived from the registry.
 */
public final class DiscoveryDocuments {
  private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  private final ResourceRegistry registry;
  private final List<ExtraSubresource> extraSubresources;

  /** A subresource served by a storage beyond status and scale (for example pods/log). */
  public record ExtraSubresource(String group, String version, String resource, String subresource, String kind, String kindGroup, String kindVersion, List<String> verbs) {}

  public DiscoveryDocuments(ResourceRegistry registry, List<ExtraSubresource> extraSubresources) {
    this.registry = registry;
    this.extraSubresources = List.copyOf(extraSubresources);
  }

  public ObjectNode apiVersions(String serverAddress) {
    ObjectNode o = Json.object();
    o.put("kind", "APIVersions");
    ArrayNode v = o.putArray("versions");
    registry.versions("").forEach(v::add);
    ArrayNode cidrs = o.putArray("serverAddressByClientCIDRs");
    ObjectNode c = cidrs.addObject();
    c.put("clientCIDR", "0.0.0.0/0");
    c.put("serverAddress", serverAddress);
    return o;
  }

  public ObjectNode groupList() {
    ObjectNode o = Json.object();
    o.put("kind", "APIGroupList");
    o.put("apiVersion", "v1");
    ArrayNode groups = o.putArray("groups");
    for (String g : registry.groups()) {
      if (!g.isEmpty()) {
        groups.add(group(g));
      }
    }
    return o;
  }

  /** The {@code APIGroup} document, or null if the group is not served. */
  public ObjectNode group(String group) {
    List<String> versions = registry.versions(group);
    if (versions.isEmpty() || group.isEmpty()) {
      return null;
    }
    ObjectNode g = Json.object();
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    g.put("name", group);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode gv = vs.addObject();
      gv.put("groupVersion", group + "/" + v);
      gv.put("version", v);
    }
    ObjectNode pref = g.putObject("preferredVersion");
    pref.put("groupVersion", group + "/" + versions.get(0));
    pref.put("version", versions.get(0));
    return g;
  }

  /** The {@code APIResourceList} of one group version, or null if not served. */
  public ObjectNode resourceList(String group, String version) {
    List<ResourceType> types = registry.resources(group, version);
    if (types.isEmpty()) {
      return null;
    }
    ObjectNode o = Json.object();
    o.put("kind", "APIResourceList");
    o.put("apiVersion", "v1");
    o.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = o.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.resource());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      verbs(r.putArray("verbs"), VERBS);
      if (!t.shortNames().isEmpty()) {
        verbs(r.putArray("shortNames"), t.shortNames());
      }
      if (!t.categories().isEmpty()) {
        verbs(r.putArray("categories"), t.categories());
      }
      r.put("storageVersionHash", storageVersionHash(t));
      if (t.hasStatus()) {
        ObjectNode s = resources.addObject();
        s.put("name", t.resource() + "/status");
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        s.put("kind", t.kind());
        verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
      }
      if (t.strategy().scale().isPresent()) {
        ObjectNode s = resources.addObject();
        s.put("name", t.resource() + "/scale");
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        s.put("group", "autoscaling");
        s.put("version", "v1");
        s.put("kind", "Scale");
        verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
      }
      for (ExtraSubresource x : extras(t)) {
        ObjectNode s = resources.addObject();
        s.put("name", t.resource() + "/" + x.subresource());
        s.put("singularName", "");
        s.put("namespaced", t.namespaced());
        if (x.kindGroup() != null) {
          s.put("group", x.kindGroup());
          s.put("version", x.kindVersion());
        }
        s.put("kind", x.kind());
        verbs(s.putArray("verbs"), x.verbs());
      }
    }
    return o;
  }

  private List<ExtraSubresource> extras(ResourceType t) {
    return extraSubresources.stream()
        .filter(x -> x.group().equals(t.group()) && x.version().equals(t.version()) && x.resource().equals(t.resource()))
        .toList();
  }

  /**
   * Aggregated discovery: every group (or only the core group, for {@code /api}) with its versions
   * and resources in one document.
   */
  public ObjectNode aggregated(boolean core, String apiVersion) {
    ObjectNode o = Json.object();
    o.put("kind", "APIGroupDiscoveryList");
    o.put("apiVersion", "apidiscovery.k8s.io/" + apiVersion);
    o.putObject("metadata");
    ArrayNode items = o.putArray("items");
    for (String g : registry.groups()) {
      if (g.isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      if (!g.isEmpty()) {
        meta.put("name", g);
      }
      meta.putNull("creationTimestamp");
      ArrayNode versions = item.putArray("versions");
      for (String v : registry.versions(g)) {
        ObjectNode ver = versions.addObject();
        ver.put("version", v);
        ArrayNode resources = ver.putArray("resources");
        for (ResourceType t : registry.resources(g, v)) {
          ObjectNode r = resources.addObject();
          r.put("resource", t.resource());
          ObjectNode rk = r.putObject("responseKind");
          rk.put("group", t.group());
          rk.put("version", t.version());
          rk.put("kind", t.kind());
          r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
          r.put("singularResource", t.singular());
          verbs(r.putArray("verbs"), VERBS);
          if (!t.shortNames().isEmpty()) {
            verbs(r.putArray("shortNames"), t.shortNames());
          }
          if (!t.categories().isEmpty()) {
            verbs(r.putArray("categories"), t.categories());
          }
          ArrayNode subs = r.putArray("subresources");
          if (t.hasStatus()) {
            ObjectNode s = subs.addObject();
            s.put("subresource", "status");
            ObjectNode sk = s.putObject("responseKind");
            sk.put("group", t.group());
            sk.put("version", t.version());
            sk.put("kind", t.kind());
            verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
          }
          if (t.strategy().scale().isPresent()) {
            ObjectNode s = subs.addObject();
            s.put("subresource", "scale");
            ObjectNode sk = s.putObject("responseKind");
            sk.put("group", "autoscaling");
            sk.put("version", "v1");
            sk.put("kind", "Scale");
            verbs(s.putArray("verbs"), SUBRESOURCE_VERBS);
          }
          for (ExtraSubresource x : extras(t)) {
            ObjectNode s = subs.addObject();
            s.put("subresource", x.subresource());
            ObjectNode sk = s.putObject("responseKind");
            sk.put("group", x.kindGroup() == null ? "" : x.kindGroup());
            sk.put("version", x.kindVersion() == null ? "v1" : x.kindVersion());
            sk.put("kind", x.kind());
            verbs(s.putArray("verbs"), x.verbs());
          }
          if (subs.isEmpty()) {
            r.remove("subresources");
          }
        }
        ver.put("freshness", "Current");
      }
    }
    return o;
  }

  private static void verbs(ArrayNode arr, List<String> values) {
    values.forEach(arr::add);
  }

  /** Kubernetes' storageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"). */
  static String storageVersionHash(ResourceType t) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((t.group() + "/" + t.version() + "/" + t.kind()).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
