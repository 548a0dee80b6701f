package io.tidewater.controllers.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;

/**
 * Entries of a Work's {@code status.manifestStatuses}: which manifest, the member object's status
 * and its health. The member's {@code observedGeneration} counts member generations, which mean
 * nothing to the federation; it is reported in template generations instead, so the status
 * aggregator can tell whether a member has caught up with the template.
 */
public final class ManifestStatuses {
  private ManifestStatuses() {}

  /** The entry for a member object as it is now. */
  public static ObjectNode of(MemberObjectId id, int ordinal, ObjectNode memberObject) {
    ObjectNode entry = Json.object();
    entry.set("identifier", id.identifier(ordinal));
    ObjectNode status = templateStatus(memberObject);
    if (status != null) {
      entry.set("status", status);
    }
    entry.put("health", WorkloadHealth.of(memberObject));
    return entry;
  }

  /** The entry for an object whose state is unknown (not applied, or not ours). */
  public static ObjectNode unknown(MemberObjectId id, int ordinal) {
    ObjectNode entry = Json.object();
    entry.set("identifier", id.identifier(ordinal));
    entry.put("health", WorkloadHealth.UNKNOWN);
    return entry;
  }

  /** A previous entry's status and health under the manifest's current identifier. */
  public static ObjectNode carried(MemberObjectId id, int ordinal, JsonNode previous) {
    ObjectNode entry = Json.object();
    entry.set("identifier", id.identifier(ordinal));
    if (previous.path("status").isObject()) {
      entry.set("status", previous.get("status").deepCopy());
    }
    entry.put("health", previous.path("health").asText(WorkloadHealth.UNKNOWN));
    return entry;
  }

  /**
   * The member object's status with {@code observedGeneration} in template generations: the
   * generation the object was rendered from (its {@code tidewater.io/template-generation}
   * annotation) once the member's controller has observed the object's current generation, the
   * one before it until then. Without the annotation there is no translation, so the field is
   * dropped rather than mistaken for a template generation. Null when the object has no status.
   */
  public static ObjectNode templateStatus(ObjectNode memberObject) {
    JsonNode status = memberObject.path("status");
    if (!status.isObject() || status.isEmpty()) {
      return null;
    }
    ObjectNode out = (ObjectNode) status.deepCopy();
    if (!out.has("observedGeneration")) {
      return out;
    }
    long templateGeneration = templateGeneration(memberObject);
    if (templateGeneration < 0) {
      out.remove("observedGeneration");
      return out;
    }
    boolean caughtUp = status.path("observedGeneration").asLong(-1) >= ObjectMetas.generation(memberObject);
    out.put("observedGeneration", caughtUp ? templateGeneration : templateGeneration - 1);
    return out;
  }

  private static long templateGeneration(ObjectNode memberObject) {
    String value = ObjectMetas.annotation(memberObject, TidewaterLabels.TEMPLATE_GENERATION);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
