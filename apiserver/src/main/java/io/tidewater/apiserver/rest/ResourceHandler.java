package io.tidewater.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.selection.FieldSelector;
import io.tidewater.api.selection.LabelSelector;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.MediaTypes;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.registry.ScaleMapping;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ListResult;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.UpdateFunction;
import io.tidewater.apiserver.storage.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes REST verbs over any {@link ResourceStorage}: get, list, watch, create, update,
 * patch (JSON, merge, strategic, apply), delete and deletecollection, with the status and scale
 * subresources. Kind-independent: every kind plugs in through the registry.
 */
public final class ResourceHandler {
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final ResourceRegistry registry;
  private final Map<GroupVersionResource, ResourceStorage> storages;
  private final ObjectPatcher patcher;
  private final WatchServer watchServer;

  public ResourceHandler(ResourceRegistry registry, Map<GroupVersionResource, ResourceStorage> storages, ObjectPatcher patcher) {
    this(registry, storages, patcher, java.time.Duration.ofMillis(WatchServer.BOOKMARK_PERIOD_MILLIS));
  }

  /** @param bookmarkPeriod how long a quiet watch that allows bookmarks waits for its next BOOKMARK */
  public ResourceHandler(
      ResourceRegistry registry, Map<GroupVersionResource, ResourceStorage> storages, ObjectPatcher patcher, java.time.Duration bookmarkPeriod) {
    this.registry = registry;
    this.storages = Map.copyOf(storages);
    this.patcher = patcher;
    this.watchServer = new WatchServer(bookmarkPeriod.toMillis());
  }

  /** Watches and streaming subresources are long-running and exempt from max-in-flight. */
  public boolean isLongRunning(HttpExchange ex, RequestInfo info) {
    if (!ex.method().equals("GET")) {
      return false;
    }
    if (info.legacyWatchPath() || "true".equals(ex.query("watch")) || "1".equals(ex.query("watch"))) {
      return true;
    }
    if (info.subresource() != null && info.name() != null) {
      ResourceStorage s = storageFor(info, false);
      return s instanceof SubresourceStorage sub && sub.isLongRunning(info.subresource(), ex);
    }
    return false;
  }

  private ResourceStorage storageFor(RequestInfo info, boolean required) {
    ResourceType type = registry.find(info.group(), info.version(), info.resource()).orElse(null);
    ResourceStorage storage = type == null ? null : storages.get(type.gvr());
    if (storage == null && required) {
      throw notFoundPath();
    }
    return storage;
  }

  private static ApiException notFoundPath() {
    return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null, null, null);
  }

  public void handle(HttpExchange ex, RequestInfo info) throws Exception {
    ResourceStorage storage = storageFor(info, true);
    ResourceType type = storage.type();
    if (!type.namespaced() && info.namespace() != null) {
      throw notFoundPath();
    }
    String ns = type.namespaced() ? info.namespace() : null;
    String method = ex.method();
    String sub = info.subresource();
    if (sub != null) {
      handleSubresource(ex, info, storage, ns, sub);
      return;
    }
    if (info.name() == null) {
      switch (method) {
        case "GET" -> {
          if (info.legacyWatchPath() || "true".equals(ex.query("watch")) || "1".equals(ex.query("watch"))) {
            watchServer.serve(ex, storage, ns, listOptions(ex, true));
          } else {
            list(ex, storage, ns);
          }
        }
        case "POST" -> create(ex, storage, ns);
        case "DELETE" -> deleteCollection(ex, storage, ns);
        default -> throw methodNotAllowed(method, info);
      }
      return;
    }
    if (type.namespaced() && ns == null) {
      throw notFoundPath();
    }
    switch (method) {
      case "GET" -> {
        if (info.legacyWatchPath() || "true".equals(ex.query("watch"))) {
          ListOptions lo = listOptions(ex, true);
          watchServer.serve(ex, storage, ns, lo.withFields(withName(lo.fields(), info.name())));
        } else {
          get(ex, storage, ns, info.name());
        }
      }
      case "PUT" -> update(ex, storage, ns, info.name(), "");
      case "PATCH" -> patch(ex, storage, ns, info.name(), "");
      case "DELETE" -> delete(ex, storage, ns, info.name());
      default -> throw methodNotAllowed(method, info);
    }
  }

  private static FieldSelector withName(FieldSelector fields, String name) {
    List<FieldSelector.Term> terms = new ArrayList<>(fields.terms());
    terms.add(new FieldSelector.Term("metadata.name", true, name));
    return new FieldSelector(terms);
  }

  private static ApiException methodNotAllowed(String method, RequestInfo info) {
    return ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
  }

  private void handleSubresource(HttpExchange ex, RequestInfo info, ResourceStorage storage, String ns, String sub) throws Exception {
    ResourceType type = storage.type();
    if (info.name() == null) {
      throw notFoundPath();
    }
    if (sub.equals("status") && type.hasStatus()) {
      switch (ex.method()) {
        case "GET" -> get(ex, storage, ns, info.name());
        case "PUT" -> update(ex, storage, ns, info.name(), "status");
        case "PATCH" -> patch(ex, storage, ns, info.name(), "status");
        default -> throw methodNotAllowed(ex.method(), info);
      }
      return;
    }
    if (sub.equals("scale") && type.strategy().scale().isPresent()) {
      scale(ex, storage, ns, info.name(), type.strategy().scale().get());
      return;
    }
    if (storage instanceof SubresourceStorage s && s.serves(sub, ex.method())) {
      s.serve(ex, ns, info.name(), sub);
      return;
    }
    throw notFoundPath();
  }

  // ------------------------------------------------------------------ reads

  private void get(HttpExchange ex, ResourceStorage storage, String ns, String name) {
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    String rv = ex.query("resourceVersion");
    CachedObject obj = storage.get(ns, name, new GetOptions(rv == null ? "" : rv));
    ResponseEncoder.writeObject(ex, 200, storage.type(), accept, obj.object(), obj.json());
  }

  private void list(HttpExchange ex, ResourceStorage storage, String ns) {
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    ListResult result = storage.list(ns, listOptions(ex, false));
    ResponseEncoder.writeList(ex, storage.type(), accept, result);
  }

  static ListOptions listOptions(HttpExchange ex, boolean watch) {
    LabelSelector labels;
    FieldSelector fields;
    try {
      labels = LabelSelector.parse(ex.query("labelSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("unable to parse requirement: " + e.getMessage().replaceFirst("^unable to parse requirement: ", ""));
    }
    try {
      fields = FieldSelector.parse(ex.query("fieldSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    long limit = 0;
    String l = ex.query("limit");
    if (l != null && !l.isEmpty()) {
      try {
        limit = Long.parseLong(l);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("limit: Invalid value: \"" + l + "\": must be an integer");
      }
      if (limit < 0) {
        throw ApiException.badRequest("limit: Invalid value: " + limit + ": must be greater than or equal to 0");
      }
    }
    Integer timeout = null;
    String t = ex.query("timeoutSeconds");
    if (t != null && !t.isEmpty()) {
      try {
        timeout = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("timeoutSeconds: Invalid value: \"" + t + "\": must be an integer");
      }
    }
    String sie = ex.query("sendInitialEvents");
    Boolean sendInitial = sie == null ? null : Boolean.valueOf(sie);
    boolean bookmarks = "true".equals(ex.query("allowWatchBookmarks"));
    String rv = ex.query("resourceVersion");
    String match = ex.query("resourceVersionMatch");
    if (watch && sendInitial != null) {
      if (!"NotOlderThan".equals(match)) {
        throw ApiException.unprocessable(
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
      }
      if (sendInitial && !bookmarks) {
        throw ApiException.unprocessable(
            "ListOptions.meta.k8s.io \"\" is invalid: allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true");
      }
    }
    return new ListOptions(
        labels, fields, rv == null ? "" : rv, watch ? "" : (match == null ? "" : match), limit, ex.query("continue"), bookmarks, timeout, sendInitial);
  }

  // ------------------------------------------------------------------ writes

  private WriteOptions writeOptions(HttpExchange ex, String subresource) {
    String dryRun = ex.query("dryRun");
    boolean dry = false;
    if (dryRun != null && !dryRun.isEmpty()) {
      if (!dryRun.equals("All")) {
        throw ApiException.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
      }
      dry = true;
    }
    String manager = ex.query("fieldManager");
    if (manager == null || manager.isEmpty()) {
      manager = managerFromUserAgent(ex.header("User-Agent"));
    } else if (manager.length() > 128) {
      throw ApiException.unprocessable("fieldManager: Invalid value: \"" + manager + "\": must be at most 128 characters");
    }
    return new WriteOptions(dry, manager, subresource, false);
  }

  /** Kubernetes' default field manager: the user agent up to the first '/'. */
  static String managerFromUserAgent(String userAgent) {
    if (userAgent == null || userAgent.isEmpty()) {
      return "unknown";
    }
    int slash = userAgent.indexOf('/');
    String m = slash >= 0 ? userAgent.substring(0, slash) : userAgent;
    return m.length() > 128 ? m.substring(0, 128) : m;
  }

  private ObjectNode decodeBody(HttpExchange ex, ResourceType type, FieldValidation validation, List<String> warnings, String expectKind, String expectApiVersion) {
    byte[] body = ex.body(MAX_BODY_BYTES);
    BodyDecoder.Decoded d = BodyDecoder.decodeObject(body, ex.header("Content-Type"), validation);
    warnings.addAll(d.warnings());
    ObjectNode obj = d.object();
    checkTypeMeta(obj, expectApiVersion, expectKind, body);
    return obj;
  }

  private static void checkTypeMeta(ObjectNode obj, String apiVersion, String kind, byte[] body) {
    JsonNode av = obj.get("apiVersion");
    JsonNode k = obj.get("kind");
    if (k == null || !k.isTextual() || k.asText().isEmpty()) {
      throw ApiException.badRequest("Object 'Kind' is missing in '" + BodyDecoder.preview(body) + "'");
    }
    if (av == null || !av.isTextual() || av.asText().isEmpty()) {
      throw ApiException.badRequest("Object 'apiVersion' is missing in '" + BodyDecoder.preview(body) + "'");
    }
    if (!av.asText().equals(apiVersion)) {
      throw ApiException.badRequest(
          "the API version in the data (" + av.asText() + ") does not match the expected API version (" + apiVersion + ")");
    }
    if (!k.asText().equals(kind)) {
      throw ApiException.badRequest("the kind in the data (" + k.asText() + ") does not match the expected kind (" + kind + ")");
    }
    JsonNode meta = obj.get("metadata");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      throw ApiException.badRequest("metadata must be an object");
    }
  }

  /**
   * Unknown fields per {@code fieldValidation}: 400 when Strict; otherwise dropped, as decoding
   * into Kubernetes' typed objects drops them, with a warning when Warn.
   */
  private void checkUnknownFields(ResourceType type, ObjectNode obj, FieldValidation validation, List<String> warnings) {
    if (validation == FieldValidation.STRICT) {
      List<String> unknown = patcher.unknownFields(type, obj);
      if (!unknown.isEmpty()) {
        List<String> parts = unknown.stream().map(p -> "unknown field \"" + p + "\"").toList();
        throw ApiException.badRequest("strict decoding error: " + String.join(", ", parts));
      }
      return;
    }
    List<String> dropped = patcher.pruneUnknownFields(type, obj);
    if (validation == FieldValidation.WARN) {
      dropped.forEach(p -> warnings.add("unknown field \"" + p + "\""));
    }
  }

  /** A body with values of the wrong type is refused, as Kubernetes' typed decoding refuses it (400). */
  private void checkTypes(ResourceType type, ObjectNode obj) {
    List<String> mismatches = patcher.typeMismatches(type, obj);
    if (!mismatches.isEmpty()) {
      throw ApiException.badRequest("the body of the request is not a valid " + type.kind() + ": " + String.join("; ", mismatches));
    }
  }

  /**
   * A patch may not turn the object into another kind or give it values of the wrong type: such
   * a result cannot be decoded as the kind, which Kubernetes reports as 422 on the patch.
   */
  private ObjectNode checkPatched(ResourceType type, String name, ObjectNode patched) {
    String patchedName = patched.path("metadata").path("name").asText("");
    if (!patchedName.equals(name)) {
      // As Kubernetes' checkName on the patched object; also catches a patch removing metadata.
      throw ApiException.badRequest("the name of the object (" + patchedName + ") does not match the name on the URL (" + name + ")");
    }
    List<String> problems = new ArrayList<>();
    if (!type.apiVersion().equals(patched.path("apiVersion").asText(null))) {
      problems.add(".apiVersion: must stay " + type.apiVersion());
    }
    if (!type.kind().equals(patched.path("kind").asText(null))) {
      problems.add(".kind: must stay " + type.kind());
    }
    problems.addAll(patcher.typeMismatches(type, patched));
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable("the patched " + type.kind() + " is invalid: " + String.join("; ", problems));
    }
    return patched;
  }

  private static void sendWarnings(HttpExchange ex, List<String> warnings) {
    for (String w : warnings) {
      ex.addHeader("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
    }
  }

  private void create(HttpExchange ex, ResourceStorage storage, String ns) {
    ResourceType type = storage.type();
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    FieldValidation validation = FieldValidation.parse(ex.query("fieldValidation"));
    WriteOptions opts = writeOptions(ex, "");
    List<String> warnings = new ArrayList<>();
    ObjectNode obj = decodeBody(ex, type, validation, warnings, type.kind(), type.apiVersion());
    checkUnknownFields(type, obj, validation, warnings);
    checkTypes(type, obj);
    ObjectNode created = storage.create(ns, obj, opts);
    sendWarnings(ex, warnings);
    ResponseEncoder.writeObject(ex, 201, type, accept, created, null);
  }

  private void update(HttpExchange ex, ResourceStorage storage, String ns, String name, String subresource) {
    ResourceType type = storage.type();
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    FieldValidation validation = FieldValidation.parse(ex.query("fieldValidation"));
    WriteOptions opts = writeOptions(ex, subresource);
    List<String> warnings = new ArrayList<>();
    ObjectNode body = decodeBody(ex, type, validation, warnings, type.kind(), type.apiVersion());
    checkUnknownFields(type, body, validation, warnings);
    checkTypes(type, body);
    ResourceStorage.UpdateResult result = storage.update(ns, name, current -> body.deepCopy(), opts);
    sendWarnings(ex, warnings);
    ResponseEncoder.writeObject(ex, result.created() ? 201 : 200, type, accept, result.object(), null);
  }

  private void patch(HttpExchange ex, ResourceStorage storage, String ns, String name, String subresource) {
    ResourceType type = storage.type();
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    FieldValidation validation = FieldValidation.parse(ex.query("fieldValidation"));
    WriteOptions opts = writeOptions(ex, subresource);
    String patchType = MediaTypes.contentType(ex.header("Content-Type"));
    byte[] body = ex.body(MAX_BODY_BYTES);
    List<String> warnings = new ArrayList<>();
    boolean apply = patchType.equals(MediaTypes.APPLY_PATCH);
    String force = ex.query("force");
    if (force != null && !apply) {
      throw ApiException.unprocessable(
          "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
    }
    UpdateFunction fn;
    if (apply) {
      if (ex.query("fieldManager") == null || ex.query("fieldManager").isEmpty()) {
        throw ApiException.unprocessable(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
      }
      JsonNode parsed = BodyDecoder.parseYaml(body);
      if (!(parsed instanceof ObjectNode config)) {
        throw ApiException.badRequest("error decoding YAML: the apply configuration must be an object");
      }
      checkTypeMeta(config, type.apiVersion(), type.kind(), body);
      String cfgName = ObjectMetas.name(config);
      if (cfgName != null && !cfgName.isEmpty() && !cfgName.equals(name)) {
        throw ApiException.badRequest("the name of the object (" + cfgName + ") does not match the name on the URL (" + name + ")");
      }
      checkUnknownFields(type, config, validation, warnings);
      boolean forced = "true".equals(force);
      String manager = opts.fieldManager();
      fn = new UpdateFunction() {
        @Override
        public ObjectNode apply(ObjectNode current) {
          ObjectNode cfg = config.deepCopy();
          if (ObjectMetas.name(cfg) == null) {
            ObjectMetas.setName(cfg, name);
          }
          if (type.namespaced() && ObjectMetas.namespace(cfg) == null) {
            ObjectMetas.setNamespace(cfg, ns);
          }
          return checkPatched(type, name, patcher.apply(type, current, cfg, manager, forced, subresource));
        }

        @Override
        public boolean allowCreate() {
          return subresource.isEmpty();
        }
      };
      opts = opts.asApply();
    } else {
      switch (patchType) {
        case MediaTypes.JSON_PATCH, MediaTypes.MERGE_PATCH -> {}
        case MediaTypes.STRATEGIC_MERGE_PATCH -> {
          if (!patcher.supportsStrategicMerge(type)) {
            throw unsupportedPatch(type);
          }
        }
        default -> throw unsupportedPatch(type);
      }
      if (body.length == 0) {
        throw ApiException.badRequest("the body of the request is empty");
      }
      fn = current -> {
        ObjectNode patched = checkPatched(type, name, patcher.patch(type, current, patchType, body));
        checkUnknownFields(type, patched, validation, new ArrayList<>());
        return patched;
      };
    }
    ResourceStorage.UpdateResult result = storage.update(ns, name, fn, opts);
    sendWarnings(ex, warnings);
    ResponseEncoder.writeObject(ex, result.created() ? 201 : 200, type, accept, result.object(), null);
  }

  private ApiException unsupportedPatch(ResourceType type) {
    String accepted = patcher.supportsStrategicMerge(type)
        ? "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml"
        : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";
    return ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: " + accepted);
  }

  private void scale(HttpExchange ex, ResourceStorage storage, String ns, String name, ScaleMapping mapping) {
    ResourceType type = storage.type();
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    switch (ex.method()) {
      case "GET" -> {
        CachedObject obj = storage.get(ns, name, new GetOptions(ex.query("resourceVersion") == null ? "" : ex.query("resourceVersion")));
        ResponseEncoder.writeTree(ex, 200, accept, ScaleSubresource.toScale(obj.object(), mapping));
      }
      case "PUT", "PATCH" -> {
        WriteOptions opts = writeOptions(ex, "scale");
        byte[] body = ex.body(MAX_BODY_BYTES);
        String ct = MediaTypes.contentType(ex.header("Content-Type"));
        boolean put = ex.method().equals("PUT");
        if (!put && ct.equals(MediaTypes.APPLY_PATCH)) {
          throw ApiException.unsupportedMediaType("server-side apply of the scale subresource is not supported; patch it instead");
        }
        ResourceStorage.UpdateResult result = storage.update(ns, name, current -> {
          ObjectNode scale = ScaleSubresource.toScale(current, mapping);
          ObjectNode desired;
          if (put) {
            desired = BodyDecoder.decodeObject(body, ex.header("Content-Type"), FieldValidation.IGNORE).object();
            checkTypeMeta(desired, "autoscaling/v1", "Scale", body);
            String rv = desired.path("metadata").path("resourceVersion").asText("");
            if (!rv.isEmpty() && !rv.equals(ObjectMetas.resourceVersion(current))) {
              throw ApiException.staleResourceVersion(type.group(), type.resource(), name);
            }
          } else {
            desired = patcher.patch(scaleType(), scale, ct, body);
          }
          ObjectMetas.setResourceVersion(current, null);
          ScaleSubresource.applyScale(type, current, desired, mapping);
          return current;
        }, opts);
        ResponseEncoder.writeTree(ex, 200, accept, ScaleSubresource.toScale(result.object(), mapping));
      }
      default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  /** The autoscaling/v1 Scale kind, for patching scale objects with its schema. */
  private ResourceType scaleType() {
    return ScaleKind.TYPE;
  }

  private void delete(HttpExchange ex, ResourceStorage storage, String ns, String name) {
    ResourceType type = storage.type();
    MediaTypes.Accept accept = MediaTypes.negotiate(ex.header("Accept"));
    ParsedDelete parsed = deleteOptions(ex);
    ResourceStorage.DeleteResult result = storage.delete(ns, name, parsed.options());
    if (!result.deleted()) {
      // Kubernetes answers 200 with the object still there (held by finalizers), and 202 only
      // when the client asked for cascading with orphanDependents=false.
      ResponseEncoder.writeObject(ex, parsed.orphanDependentsFalse() ? 202 : 200, type, accept, result.object(), null);
      return;
    }
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", name);
    if (!type.group().isEmpty()) {
      details.put("group", type.group());
    }
    details.put("kind", type.resource());
    String uid = ObjectMetas.uid(result.object());
    if (uid != null) {
      details.put("uid", uid);
    }
    ResponseEncoder.writeTree(ex, 200, accept.rendering() == MediaTypes.Rendering.OBJECT ? accept : new MediaTypes.Accept(MediaTypes.JSON, MediaTypes.Rendering.OBJECT, null), status);
  }

  private void deleteCollection(HttpExchange ex, ResourceStorage storage, String ns) {
    ResourceType type = storage.type();
    DeleteOptions opts = deleteOptions(ex).options();
    ListOptions lo = listOptions(ex, false);
    List<ObjectNode> deleted = storage.deleteCollection(ns, lo, opts);
    ObjectNode list = Json.object();
    list.put("kind", type.listKind());
    list.put("apiVersion", type.apiVersion());
    list.putObject("metadata");
    var items = list.putArray("items");
    deleted.forEach(items::add);
    ResponseEncoder.writeJson(ex, 200, list);
  }

  /** DeleteOptions, and whether orphanDependents was explicitly false (which changes the reply code). */
  private record ParsedDelete(DeleteOptions options, boolean orphanDependentsFalse) {}

  private ParsedDelete deleteOptions(HttpExchange ex) {
    String propagation = ex.query("propagationPolicy");
    Long grace = null;
    String g = ex.query("gracePeriodSeconds");
    if (g != null && !g.isEmpty()) {
      try {
        grace = Long.parseLong(g);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("gracePeriodSeconds: Invalid value: \"" + g + "\": must be an integer");
      }
    }
    String orphan = ex.query("orphanDependents");
    String dryRun = ex.query("dryRun");
    String uid = null;
    String rv = null;
    byte[] body = ex.body(MAX_BODY_BYTES);
    if (body.length > 0) {
      ObjectNode o = BodyDecoder.decodeObject(body, ex.header("Content-Type"), FieldValidation.IGNORE).object();
      if (o.hasNonNull("propagationPolicy")) {
        propagation = o.get("propagationPolicy").asText();
      }
      if (o.hasNonNull("gracePeriodSeconds")) {
        grace = o.get("gracePeriodSeconds").asLong();
      }
      if (o.hasNonNull("orphanDependents")) {
        orphan = o.get("orphanDependents").asText();
      }
      if (o.has("dryRun") && o.get("dryRun").isArray() && !o.get("dryRun").isEmpty()) {
        dryRun = o.get("dryRun").get(0).asText();
      }
      JsonNode pre = o.path("preconditions");
      if (pre.hasNonNull("uid")) {
        uid = pre.get("uid").asText();
      }
      if (pre.hasNonNull("resourceVersion")) {
        rv = pre.get("resourceVersion").asText();
      }
    }
    if (orphan != null && propagation != null) {
      throw ApiException.unprocessable(
          "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Invalid value: \"" + propagation
              + "\": orphanDependents and deletionPropagation cannot be both set");
    }
    if (orphan != null) {
      propagation = Boolean.parseBoolean(orphan) ? "Orphan" : "Background";
    }
    if (propagation != null && !List.of("Foreground", "Background", "Orphan").contains(propagation)) {
      throw ApiException.invalid(
          "meta.k8s.io", "DeleteOptions", "",
          List.of(FieldError.notSupported("propagationPolicy", propagation, List.of("Foreground", "Background", "Orphan"))));
    }
    boolean dry = false;
    if (dryRun != null && !dryRun.isEmpty()) {
      if (!dryRun.equals("All")) {
        throw ApiException.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
      }
      dry = true;
    }
    return new ParsedDelete(new DeleteOptions(dry, propagation, grace, uid, rv), "false".equalsIgnoreCase(orphan));
  }
}
