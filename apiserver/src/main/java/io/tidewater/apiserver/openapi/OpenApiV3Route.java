package io.tidewater.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.schema.SchemaCatalog;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.Route;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /openapi/v3}: the index of group versions and one OpenAPI 3.0 document per group version,
 * with paths for every served resource and the component schemas of its kinds. kubectl reads it
 * for {@code explain}, and to learn that the server validates fields itself
 * ({@code fieldValidation} on PATCH), which turns off its client-side schema validation.
 * {@code /openapi/v2} answers 404, which kubectl tolerates.
 */
public final class OpenApiV3Route implements Route {
  private static final String PATCH_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

  private final ResourceRegistry registry;
  private final SchemaCatalog catalog;
  private final String version;
  private volatile Map<String, byte[]> documents;
  private volatile Map<String, String> hashes;

  public OpenApiV3Route(ResourceRegistry registry, SchemaCatalog catalog, String kubernetesVersion) {
    this.registry = registry;
    this.catalog = catalog;
    this.version = kubernetesVersion;
  }

  @Override
  public boolean matches(String path) {
    return path.equals("/openapi/v3") || path.startsWith("/openapi/v3/") || path.equals("/openapi/v2");
  }

  @Override
  public void handle(HttpExchange ex) {
    if (!ex.method().equals("GET")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    String path = ex.path();
    if (path.equals("/openapi/v2")) {
      throw new ApiException(404, "NotFound", "the server serves OpenAPI v3 only: see /openapi/v3", null, null, null, null, null);
    }
    build();
    if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      ObjectNode index = Json.object();
      ObjectNode paths = index.putObject("paths");
      documents.keySet().forEach(gv -> paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hashes.get(gv)));
      ex.respond(200, "application/json", Json.bytes(index));
      return;
    }
    String gv = path.substring("/openapi/v3/".length());
    byte[] doc = documents.get(gv);
    if (doc == null) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null, null, null);
    }
    if (ex.query("hash") != null) {
      ex.setHeader("Cache-Control", "public, immutable");
    }
    ex.setHeader("Etag", "\"" + hashes.get(gv) + "\"");
    ex.respond(200, "application/json", doc);
  }

  private void build() {
    if (documents != null) {
      return;
    }
    synchronized (this) {
      if (documents != null) {
        return;
      }
      Map<String, byte[]> docs = new LinkedHashMap<>();
      Map<String, String> h = new LinkedHashMap<>();
      for (String group : registry.groups()) {
        for (String v : registry.versions(group)) {
          String gv = group.isEmpty() ? "api/" + v : "apis/" + group + "/" + v;
          byte[] bytes = Json.bytes(document(group, v));
          docs.put(gv, bytes);
          h.put(gv, sha512(bytes));
        }
      }
      hashes = h;
      documents = docs;
    }
  }

  private ObjectNode document(String group, String v) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", version);
    ObjectNode paths = doc.putObject("paths");
    Set<String> roots = new TreeSet<>();
    String prefix = group.isEmpty() ? "/api/" + v : "/apis/" + group + "/" + v;
    for (ResourceType t : registry.resources(group, v)) {
      String def = catalog.definitionName(t.gvk()).orElse(null);
      if (def != null) {
        roots.add(def);
      }
      String base = prefix + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.resource();
      paths.set(base, collectionPath(t, def));
      paths.set(base + "/{name}", itemPath(t, def, ""));
      if (t.hasStatus()) {
        paths.set(base + "/{name}/status", itemPath(t, def, "status"));
      }
    }
    ObjectNode schemas = catalog.schemas(roots);
    ObjectNode patch = Json.object();
    patch.put("type", "object");
    patch.put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
    schemas.set(PATCH_SCHEMA, patch);
    doc.putObject("components").set("schemas", schemas);
    return doc;
  }

  private ObjectNode collectionPath(ResourceType t, String def) {
    ObjectNode p = Json.object();
    ArrayNode params = p.putArray("parameters");
    if (t.namespaced()) {
      params.add(pathParam("namespace", "object name and auth scope, such as for teams and projects"));
    }
    params.add(queryParam("pretty", "If 'true', then the output is pretty printed."));
    p.set("get", operation(t, def, "list", "list or watch objects of kind " + t.kind(), false));
    ObjectNode post = operation(t, def, "post", "create a " + t.kind(), true);
    addWriteParams(post.withArray("parameters"));
    p.set("post", post);
    p.set("delete", operation(t, def, "deletecollection", "delete collection of " + t.kind(), false));
    return p;
  }

  private ObjectNode itemPath(ResourceType t, String def, String subresource) {
    ObjectNode p = Json.object();
    ArrayNode params = p.putArray("parameters");
    params.add(pathParam("name", "name of the " + t.kind()));
    if (t.namespaced()) {
      params.add(pathParam("namespace", "object name and auth scope, such as for teams and projects"));
    }
    params.add(queryParam("pretty", "If 'true', then the output is pretty printed."));
    String what = subresource.isEmpty() ? "the specified " + t.kind() : "status of the specified " + t.kind();
    p.set("get", operation(t, def, "get", "read " + what, false));
    ObjectNode put = operation(t, def, "put", "replace " + what, true);
    addWriteParams(put.withArray("parameters"));
    p.set("put", put);
    ObjectNode patch = operation(t, def, "patch", "partially update " + what, false);
    ObjectNode content = patch.putObject("requestBody").putObject("content");
    for (String mt : new String[] {"application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"}) {
      content.putObject(mt).putObject("schema").put("$ref", "#/components/schemas/" + PATCH_SCHEMA);
    }
    ArrayNode patchParams = patch.withArray("parameters");
    addWriteParams(patchParams);
    patchParams.add(queryParam("force", "Force is going to \"force\" Apply requests."));
    // kubectl looks for fieldValidation among a PATCH path's parameters, wherever it reads them from.
    addWriteParams(params);
    p.set("patch", patch);
    if (subresource.isEmpty()) {
      p.set("delete", operation(t, def, "delete", "delete a " + t.kind(), false));
    }
    return p;
  }

  private static void addWriteParams(ArrayNode params) {
    params.add(queryParam("dryRun", "When present, indicates that modifications should not be persisted. The only valid value is All."));
    params.add(queryParam("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."));
    params.add(queryParam(
        "fieldValidation",
        "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are Ignore, Warn (the default) and Strict."));
  }

  private ObjectNode operation(ResourceType t, String def, String action, String description, boolean body) {
    ObjectNode op = Json.object();
    op.put("description", description);
    op.put("operationId", action + t.kind());
    op.putArray("parameters");
    String ref = def == null ? null : "#/components/schemas/" + def;
    if (body && ref != null) {
      ObjectNode content = op.putObject("requestBody").putObject("content");
      content.putObject("application/json").putObject("schema").put("$ref", ref);
      content.putObject("application/yaml").putObject("schema").put("$ref", ref);
    }
    ObjectNode ok = op.putObject("responses").putObject("200");
    ok.put("description", "OK");
    if (ref != null && !action.equals("list") && !action.equals("deletecollection")) {
      ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref);
    }
    op.put("x-kubernetes-action", action);
    ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
    gvk.put("group", t.group());
    gvk.put("kind", t.kind());
    gvk.put("version", t.version());
    return op;
  }

  private static ObjectNode pathParam(String name, String description) {
    ObjectNode p = Json.object();
    p.put("name", name);
    p.put("in", "path");
    p.put("description", description);
    p.put("required", true);
    p.putObject("schema").put("type", "string").put("uniqueItems", true);
    return p;
  }

  private static ObjectNode queryParam(String name, String description) {
    ObjectNode p = Json.object();
    p.put("name", name);
    p.put("in", "query");
    p.put("description", description);
    p.putObject("schema").put("type", "string").put("uniqueItems", true);
    return p;
  }

  private static String sha512(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
