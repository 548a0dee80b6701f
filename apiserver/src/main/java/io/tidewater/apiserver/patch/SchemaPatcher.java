package io.tidewater.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.schema.SchemaCatalog;
import io.tidewater.api.schema.TypeNode;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.errors.StatusCause;
import io.tidewater.apiserver.http.MediaTypes;
import io.tidewater.apiserver.patch.apply.ApplyConflict;
import io.tidewater.apiserver.patch.apply.ApplyConflictException;
import io.tidewater.apiserver.patch.apply.FieldManager;
import io.tidewater.apiserver.patch.apply.FieldPath;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.rest.ObjectPatcher;
import io.tidewater.apiserver.storage.ManagedFieldsUpdater;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema-driven side of the REST layer: patches of all four types, managedFields for every
 * write, and unknown-field detection, each using the kind's OpenAPI schema from the catalog.
 * Kinds without a schema are treated as untyped (merge and JSON patches only).
 */
public final class SchemaPatcher implements ObjectPatcher, ManagedFieldsUpdater {
  private final SchemaCatalog catalog;
  private final Set<String> strategicGroups;
  private final Map<String, FieldManager> managers = new ConcurrentHashMap<>();

  /**
   * @param strategicGroups API groups whose kinds take strategic merge patches (the built-in ones;
   *     Kubernetes refuses them for custom resources)
   */
  public SchemaPatcher(SchemaCatalog catalog, Set<String> strategicGroups) {
    this.catalog = catalog;
    this.strategicGroups = Set.copyOf(strategicGroups);
  }

  public SchemaCatalog catalog() {
    return catalog;
  }

  private Optional<TypeNode> typeOf(ResourceType type) {
    return catalog.type(type.gvk());
  }

  private Optional<TypeNode> typeOf(GroupVersionKind gvk) {
    return catalog.type(gvk);
  }

  @Override
  public boolean supportsStrategicMerge(ResourceType type) {
    return strategicGroups.contains(type.group()) && typeOf(type).isPresent();
  }

  @Override
  public ObjectNode patch(ResourceType type, ObjectNode current, String patchType, byte[] patch) {
    JsonNode patchNode;
    try {
      // One JSON value and nothing after it, as Go's json.Unmarshal requires.
      patchNode = Json.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(patch);
    } catch (IOException e) {
      throw ApiException.badRequest("error decoding patch: " + e.getMessage().split("\n")[0]);
    }
    if (patchNode == null || patchNode.isMissingNode()) {
      throw ApiException.badRequest("the body of the request is empty");
    }
    JsonNode result;
    try {
      result = switch (patchType) {
        case MediaTypes.JSON_PATCH -> {
          if (!patchNode.isArray()) {
            throw ApiException.badRequest("json: cannot unmarshal " + patchNode.getNodeType().toString().toLowerCase() + " into Go value of type jsonpatch.Patch");
          }
          yield JsonPatch.apply(current, patchNode);
        }
        case MediaTypes.MERGE_PATCH -> {
          if (!patchNode.isObject()) {
            throw ApiException.badRequest("error decoding patch: a merge patch must be a JSON object");
          }
          yield MergePatch.apply(current, patchNode);
        }
        case MediaTypes.STRATEGIC_MERGE_PATCH -> {
          if (!(patchNode instanceof ObjectNode obj)) {
            throw ApiException.badRequest("error decoding patch: a strategic merge patch must be a JSON object");
          }
          TypeNode t = typeOf(type.gvk()).orElseThrow(() -> ApiException.unsupportedMediaType("strategic merge patch is not supported for " + type.kind()));
          yield StrategicMergePatch.apply(current, obj, t);
        }
        default -> throw ApiException.unsupportedMediaType("unsupported patch type " + patchType);
      };
    } catch (PatchException e) {
      throw toApi(e);
    }
    if (!(result instanceof ObjectNode obj)) {
      throw ApiException.unprocessable("the patched object is not a JSON object");
    }
    return obj;
  }

  @Override
  public ObjectNode apply(ResourceType type, ObjectNode current, ObjectNode config, String manager, boolean force, String subresource) {
    FieldManager fm = manager(type, subresource == null ? "" : subresource);
    try {
      return fm.apply(current, config, manager, force);
    } catch (ApplyConflictException e) {
      List<StatusCause> causes = e.conflicts().stream()
          .map(c -> new StatusCause(ApplyConflict.CAUSE_TYPE, c.message(), c.field()))
          .toList();
      throw new ApiException(409, "Conflict", e.getMessage(), type.group(), type.resource(), config.path("metadata").path("name").asText(""), causes, null);
    } catch (PatchException e) {
      throw toApi(e);
    }
  }

  @Override
  public void recordUpdate(ResourceType type, ObjectNode old, ObjectNode updated, String manager, String subresource) {
    FieldManager fm = manager(type, subresource == null ? "" : subresource);
    ObjectNode result;
    try {
      result = fm.update(old, updated, manager == null || manager.isEmpty() ? "unknown" : manager);
    } catch (PatchException e) {
      throw toApi(e);
    }
    JsonNode mf = result.path("metadata").path("managedFields");
    ObjectNode meta = (ObjectNode) updated.get("metadata");
    if (meta == null) {
      meta = updated.putObject("metadata");
    }
    if (mf.isMissingNode() || mf.isNull() || mf.isEmpty()) {
      meta.remove("managedFields");
    } else {
      meta.set("managedFields", mf);
    }
  }

  @Override
  public List<String> typeMismatches(ResourceType type, ObjectNode obj) {
    return typeOf(type).map(t -> TypeMismatches.find(obj, t).stream().map(TypeMismatches.Mismatch::message).toList()).orElse(List.of());
  }

  @Override
  public List<String> unknownFields(ResourceType type, ObjectNode obj) {
    Optional<TypeNode> t = typeOf(type);
    if (t.isEmpty()) {
      return List.of();
    }
    return UnknownFields.find(obj, t.get()).stream().map(u -> u.path().startsWith(".") ? u.path().substring(1) : u.path()).toList();
  }

  @Override
  public List<String> pruneUnknownFields(ResourceType type, ObjectNode obj) {
    Optional<TypeNode> t = typeOf(type);
    if (t.isEmpty()) {
      return List.of();
    }
    return UnknownFields.prune(obj, t.get()).stream().map(u -> u.path().startsWith(".") ? u.path().substring(1) : u.path()).toList();
  }

  private FieldManager manager(ResourceType type, String subresource) {
    return managers.computeIfAbsent(type.gvk() + "|" + subresource + "|" + type.hasStatus(), k -> {
      TypeNode t = typeOf(type).orElseGet(TypeNode::untyped);
      FieldManager fm = switch (subresource) {
        case "status" -> FieldManager.forStatusSubresource(t, type.gvk());
        case "" -> FieldManager.forKind(t, type.gvk());
        default -> FieldManager.forKind(t, type.gvk()).withSubresource(subresource);
      };
      if (subresource.isEmpty() && type.hasStatus()) {
        fm = fm.withResetFields(FieldPath.of("status"));
      }
      return fm;
    });
  }

  private static ApiException toApi(PatchException e) {
    return switch (e.code()) {
      case 400 -> ApiException.badRequest(e.getMessage());
      case 409 -> new ApiException(409, "Conflict", e.getMessage(), null, null, null, null, null);
      case 413 -> ApiException.tooLarge(e.getMessage());
      default -> ApiException.unprocessable(e.getMessage());
    };
  }
}
