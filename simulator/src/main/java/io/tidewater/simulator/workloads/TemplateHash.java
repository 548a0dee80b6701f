package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Kubernetes' {@code controller.ComputeHash}: FNV-32a over the object (here its canonical JSON,
 * keys sorted) and the collision count, written in the alphabet of {@code rand.SafeEncodeString}.
 * Names ReplicaSets ({@code pod-template-hash}) and ControllerRevisions.
 */
public final class TemplateHash {
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private TemplateHash() {}

  public static String of(JsonNode object, Long collisionCount) {
    int hash = 0x811c9dc5;
    for (byte b : Json.bytes(canonical(object))) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    if (collisionCount != null) {
      long c = collisionCount & 0xffffffffL;
      for (int i = 0; i < 8; i++) {
        hash ^= (int) ((i < 4 ? c >>> (8 * i) : 0) & 0xff);
        hash *= 0x01000193;
      }
    }
    String digits = Long.toString(hash & 0xffffffffL);
    StringBuilder out = new StringBuilder(digits.length());
    for (char ch : digits.toCharArray()) {
      out.append(ALPHANUMS.charAt(ch % ALPHANUMS.length()));
    }
    return out.toString();
  }

  /** The same JSON with every object's keys sorted, so equal objects hash equally. */
  static JsonNode canonical(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = Json.object();
      for (String n : names) {
        out.set(n, canonical(o.get(n)));
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = Json.NODES.arrayNode();
      a.forEach(e -> out.add(canonical(e)));
      return out;
    }
    return node;
  }
}
