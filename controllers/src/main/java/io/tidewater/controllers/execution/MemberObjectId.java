package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.controllers.runtime.KindInfo;
import io.tidewater.member.write.ObjectReference;

/**
 * One object in a member, as a Work's manifest names it and as {@code status.manifestStatuses}
 * identifies it.
 *
 * @param group "" for the core group
 * @param namespace null for cluster-scoped objects
 */
public record MemberObjectId(String group, String version, String kind, String namespace, String name) {

  /** The object a manifest describes. */
  public static MemberObjectId of(JsonNode manifest) {
    GroupVersionKind gvk = GroupVersionKind.of(manifest.path("apiVersion").asText(), manifest.path("kind").asText());
    return new MemberObjectId(gvk.group(), gvk.version(), gvk.kind(), emptyToNull(manifest.path("metadata").path("namespace").asText("")),
        manifest.path("metadata").path("name").asText());
  }

  /** The object a {@code manifestStatuses[].identifier} names. */
  public static MemberObjectId fromIdentifier(JsonNode id) {
    return new MemberObjectId(id.path("group").asText(""), id.path("version").asText(), id.path("kind").asText(),
        emptyToNull(id.path("namespace").asText("")), id.path("name").asText());
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public GroupVersionKind gvk() {
    return new GroupVersionKind(group, version, kind);
  }

  /** Group, kind, namespace and name: the same object whichever version serves it. */
  public String objectKey() {
    return group + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  public ObjectReference reference() {
    return new ObjectReference(apiVersion(), kind, namespace, name);
  }

  /** The {@code ResourceIdentifier} of this object as manifest number {@code ordinal}. */
  public ObjectNode identifier(int ordinal) {
    ObjectNode id = Json.object();
    id.put("ordinal", ordinal);
    id.put("group", group);
    id.put("version", version);
    id.put("kind", kind);
    KindInfo.of(gvk()).ifPresent(k -> id.put("resource", k.plural()));
    if (namespace != null) {
      id.put("namespace", namespace);
    }
    id.put("name", name);
    return id;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
