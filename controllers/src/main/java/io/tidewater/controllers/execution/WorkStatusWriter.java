package io.tidewater.controllers.execution;

import io.tidewater.api.json.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.work.ResourceBinding;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.runtime.FederationClient;
import java.time.Clock;

/**
 * Writes a Work's status (its {@code Applied} condition and {@code manifestStatuses}) with the
 * execution controller's field manager, and only when something a reader cares about changed:
 * every status write wakes every Work watcher, this controller included.
 */
final class WorkStatusWriter {

  /** The Applied condition to report. */
  record Applied(String status, String reason, String message) {
    static Applied ok(int manifests) {
      return new Applied("True", "AppliedSuccessful", manifests + " manifest(s) applied");
    }
  }

  private final FederationClient client;
  private final String manager;
  private final Clock clock;

  WorkStatusWriter(FederationClient client, String manager, Clock clock) {
    this.client = client;
    this.manager = manager;
    this.clock = clock;
  }

  /**
   * Writes {@code applied} and {@code manifestStatuses} (null keeps the current ones) unless the
   * Work already says so. Returns whether it wrote.
   */
  boolean write(ObjectNode work, Applied applied, ArrayNode manifestStatuses) {
    JsonNode current = work.path("status");
    JsonNode currentCondition = condition(current, Work.CONDITION_APPLIED);
    long generation = ObjectMetas.generation(work);
    ArrayNode statuses = manifestStatuses != null ? manifestStatuses
        : current.path("manifestStatuses").isArray() ? (ArrayNode) current.get("manifestStatuses").deepCopy() : Json.NODES.arrayNode();
    boolean sameCondition = currentCondition != null
        && currentCondition.path("status").asText().equals(applied.status())
        && currentCondition.path("reason").asText().equals(applied.reason())
        && currentCondition.path("message").asText().equals(applied.message())
        && currentCondition.path("observedGeneration").asLong(-1) == generation;
    if (sameCondition && JsonValues.equal(current.path("manifestStatuses").isArray() ? current.get("manifestStatuses") : Json.NODES.arrayNode(), statuses)) {
      return false;
    }
    ObjectNode o = Json.object();
    o.put("apiVersion", ResourceBinding.API_VERSION);
    o.put("kind", Work.KIND);
    o.putObject("metadata").put("name", ObjectMetas.name(work)).put("namespace", ObjectMetas.namespace(work));
    ObjectNode status = o.putObject("status");
    ObjectNode c = status.putArray("conditions").addObject();
    c.put("type", Work.CONDITION_APPLIED);
    c.put("status", applied.status());
    c.put("reason", applied.reason());
    c.put("message", applied.message());
    boolean transitioned = currentCondition == null || !currentCondition.path("status").asText().equals(applied.status())
        || !currentCondition.hasNonNull("lastTransitionTime");
    c.put("lastTransitionTime", transitioned ? ObjectMetas.timestamp(clock.instant()) : currentCondition.get("lastTransitionTime").asText());
    c.put("observedGeneration", generation);
    status.set("manifestStatuses", statuses);
    client.applyStatus(o, manager);
    return true;
  }

  static JsonNode condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }
}
