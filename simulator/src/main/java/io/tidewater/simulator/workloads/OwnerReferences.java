package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;

/** Controller owner references, as {@code metav1.NewControllerRef}. */
public final class OwnerReferences {
  private OwnerReferences() {}

  public static ObjectNode controllerRef(ObjectNode owner, String apiVersion, String kind) {
    ObjectNode ref = Json.object();
    ref.put("apiVersion", apiVersion);
    ref.put("kind", kind);
    ref.put("name", ObjectMetas.name(owner));
    ref.put("uid", ObjectMetas.uid(owner));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }

  /** The name of the object's controller if it is of this kind, else null. */
  public static String controllerName(ObjectNode obj, String kind) {
    for (ObjectNode ref : ObjectMetas.ownerReferences(obj)) {
      if (ref.path("controller").asBoolean(false) && kind.equals(ref.path("kind").asText())) {
        return ref.path("name").asText();
      }
    }
    return null;
  }
}
