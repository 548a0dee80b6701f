package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.storage.SameJson;
import io.tidewater.simulator.storage.WriteTracker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A StatefulSet's history as ControllerRevisions, as Kubernetes' {@code controller/history} and
 * {@code getStatefulSetRevisions}: each revision holds the pod template as the patch
 * {@code {"spec":{"template":{..., "$patch":"replace"}}}} (what {@code kubectl rollout undo}
 * applies), named {@code <set>-<hash>}. Returning to an earlier template bumps that revision's
 * number instead of making a new one.
 */
final class StatefulSetRevisions {
  /** The current and update revisions, and the collision count used. */
  record Resolved(ObjectNode current, ObjectNode update, long collisionCount) {}

  private StatefulSetRevisions() {}

  static ObjectNode patchData(ObjectNode set) {
    ObjectNode template = (ObjectNode) set.path("spec").path("template").deepCopy();
    template.put("$patch", "replace");
    ObjectNode data = Json.object();
    data.putObject("spec").set("template", template);
    return data;
  }

  /** The pod template a revision holds. */
  static JsonNode template(ObjectNode revision) {
    ObjectNode t = (ObjectNode) revision.path("data").path("spec").path("template").deepCopy();
    t.remove("$patch");
    return t;
  }

  static long number(ObjectNode revision) {
    return revision.path("revision").asLong(0);
  }

  static Resolved resolve(ObjectNode set, List<ObjectNode> revisions, RegistryStorage storage, String manager, WriteTracker writes) {
    List<ObjectNode> sorted = new ArrayList<>(revisions);
    sorted.sort(Comparator.comparingLong(StatefulSetRevisions::number).thenComparing(r -> ObjectMetas.name(r)));
    long collisionCount = set.path("status").path("collisionCount").asLong(0);
    ObjectNode data = patchData(set);
    long next = sorted.isEmpty() ? 1 : number(sorted.get(sorted.size() - 1)) + 1;
    List<ObjectNode> equal = new ArrayList<>();
    for (ObjectNode r : sorted) {
      if (SameJson.same(r.get("data"), data)) {
        equal.add(r);
      }
    }
    ObjectNode update;
    if (!equal.isEmpty() && ObjectMetas.name(sorted.get(sorted.size() - 1)).equals(ObjectMetas.name(equal.get(equal.size() - 1)))) {
      update = sorted.get(sorted.size() - 1);
    } else if (!equal.isEmpty()) {
      ObjectNode rollback = equal.get(equal.size() - 1);
      update = writes.wrote(storage.update(ObjectMetas.namespace(rollback), ObjectMetas.name(rollback), current -> {
        current.put("revision", next);
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(manager)).object());
    } else {
      while (true) {
        ObjectNode revision = newRevision(set, data, next, collisionCount);
        try {
          update = writes.wrote(storage.create(ObjectMetas.namespace(set), revision, WriteOptions.of(manager)));
          break;
        } catch (ApiException e) {
          if (e.code() != 409) {
            throw e;
          }
          ObjectNode existing = storage.get(ObjectMetas.namespace(set), ObjectMetas.name(revision), GetOptions.LATEST).object();
          if (SameJson.same(existing.get("data"), data) && ObjectMetas.uid(set).equals(io.tidewater.simulator.pods.Pods.controllerUid(existing))) {
            update = existing;
            break;
          }
          collisionCount++; // another template hashed to this name
        }
      }
    }
    String currentName = set.path("status").path("currentRevision").asText("");
    ObjectNode current = null;
    for (ObjectNode r : sorted) {
      if (ObjectMetas.name(r).equals(currentName)) {
        current = r;
      }
    }
    if (current == null) {
      current = update;
    }
    return new Resolved(current, update, collisionCount);
  }

  private static ObjectNode newRevision(ObjectNode set, ObjectNode data, long number, long collisionCount) {
    String hash = TemplateHash.of(data, collisionCount);
    ObjectNode r = Json.object();
    r.put("apiVersion", "apps/v1");
    r.put("kind", "ControllerRevision");
    ObjectNode meta = r.putObject("metadata");
    String prefix = ObjectMetas.name(set);
    if (prefix.length() > 223) {
      prefix = prefix.substring(0, 223);
    }
    meta.put("name", prefix + "-" + hash);
    meta.put("namespace", ObjectMetas.namespace(set));
    JsonNode labels = set.path("spec").path("template").path("metadata").path("labels");
    if (labels.isObject()) {
      meta.set("labels", labels.deepCopy());
    }
    meta.putArray("ownerReferences").add(OwnerReferences.controllerRef(set, "apps/v1", "StatefulSet"));
    r.set("data", data);
    r.put("revision", number);
    return r;
  }
}
