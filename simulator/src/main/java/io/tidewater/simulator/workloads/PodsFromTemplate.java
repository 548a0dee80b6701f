package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;

/** New pods from a workload's pod template, as Kubernetes' {@code GetPodFromTemplate}. */
public final class PodsFromTemplate {
  private PodsFromTemplate() {}

  /**
   * A pod named {@code name}, or by {@code generateName} when name is null, owned by the workload
   * through {@code controllerRef}.
   */
  public static ObjectNode pod(JsonNode template, String namespace, String name, String generateName, ObjectNode controllerRef) {
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    if (name != null) {
      meta.put("name", name);
    } else {
      meta.put("generateName", generateName);
    }
    meta.put("namespace", namespace);
    JsonNode tmeta = template.path("metadata");
    for (String f : new String[] {"labels", "annotations", "finalizers"}) {
      if (tmeta.has(f) && !tmeta.get(f).isNull()) {
        meta.set(f, tmeta.get(f).deepCopy());
      }
    }
    meta.putArray("ownerReferences").add(controllerRef);
    JsonNode spec = template.path("spec");
    pod.set("spec", spec.isObject() ? spec.deepCopy() : Json.object());
    return pod;
  }

  public static ObjectNode labels(ObjectNode obj) {
    ObjectNode meta = ObjectMetas.metadata(obj);
    JsonNode l = meta.get("labels");
    return l instanceof ObjectNode o ? o : meta.putObject("labels");
  }
}
