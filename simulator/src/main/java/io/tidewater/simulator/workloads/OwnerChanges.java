package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.storage.WriteTracker;

/**
 * Adoption and release, as Kubernetes' {@code ControllerRefManager}: a controller takes an orphan
 * its selector matches, and lets go of a dependent its selector no longer matches.
 */
final class OwnerChanges {
  private OwnerChanges() {}

  /** Makes {@code ref} the object's controller if it still has none; the updated object, or null. */
  static ObjectNode adopt(RegistryStorage storage, ObjectNode obj, ObjectNode ref, String manager, WriteTracker writes) {
    String uid = ObjectMetas.uid(obj);
    try {
      return writes.wrote(storage.update(ObjectMetas.namespace(obj), ObjectMetas.name(obj), current -> {
        if (!uid.equals(ObjectMetas.uid(current)) || Pods.controllerRef(current) != null || ObjectMetas.isDeleting(current)) {
          throw ApiException.conflict("", "", ObjectMetas.name(current), "no longer an orphan");
        }
        ObjectNode meta = ObjectMetas.metadata(current);
        JsonNode refs = meta.get("ownerReferences");
        ArrayNode list = refs instanceof ArrayNode a ? a : meta.putArray("ownerReferences");
        list.add(ref);
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(manager)).object());
    } catch (ApiException e) {
      if (e.code() == 404 || e.code() == 409) {
        return null;
      }
      throw e;
    }
  }

  /** Removes the owner reference to {@code ownerUid}. */
  static void release(RegistryStorage storage, ObjectNode obj, String ownerUid, String manager, WriteTracker writes) {
    String uid = ObjectMetas.uid(obj);
    try {
      writes.wrote(storage.update(ObjectMetas.namespace(obj), ObjectMetas.name(obj), current -> {
        if (uid.equals(ObjectMetas.uid(current))) {
          ArrayNode kept = Json.NODES.arrayNode();
          for (ObjectNode r : ObjectMetas.ownerReferences(current)) {
            if (!ownerUid.equals(r.path("uid").asText())) {
              kept.add(r);
            }
          }
          if (kept.isEmpty()) {
            ObjectMetas.metadata(current).remove("ownerReferences");
          } else {
            ObjectMetas.metadata(current).set("ownerReferences", kept);
          }
        }
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(manager)).object());
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }
}
