package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pod template comparisons, as Kubernetes' {@code EqualIgnoreHash}. */
final class Templates {
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private Templates() {}

  static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
    return io.tidewater.simulator.storage.SameJson.same(withoutHash(a), withoutHash(b));
  }

  private static JsonNode withoutHash(JsonNode template) {
    if (!(template instanceof ObjectNode o)) {
      return template;
    }
    ObjectNode copy = o.deepCopy();
    JsonNode meta = copy.get("metadata");
    if (meta instanceof ObjectNode m) {
      JsonNode labels = m.get("labels");
      if (labels instanceof ObjectNode l) {
        l.remove(POD_TEMPLATE_HASH);
        if (l.isEmpty()) {
          m.remove("labels");
        }
      }
      m.remove("creationTimestamp");
      if (m.isEmpty()) {
        copy.remove("metadata");
      }
    }
    return copy;
  }
}
