package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A federation-wide name for a pod template revision: a hash of the template's canonical JSON
 * (keys sorted), so the same revision has the same name in every member and after a restart.
 * Carried on member workloads as {@link #ANNOTATION}.
 */
public final class PodTemplateHash {
  public static final String ANNOTATION = "tidewater.io/pod-template-hash";

  private PodTemplateHash() {}

  public static String of(JsonNode podTemplate) {
    StringBuilder sb = new StringBuilder();
    canonical(podTemplate, sb);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash a rendered member workload carries, or null. */
  public static String on(JsonNode memberWorkload) {
    JsonNode v = memberWorkload.path("metadata").path("annotations").path(ANNOTATION);
    return v.isTextual() ? v.asText() : null;
  }

  private static void canonical(JsonNode n, StringBuilder sb) {
    if (n instanceof ObjectNode o) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
      sb.append('{');
      sorted.forEach((k, v) -> {
        sb.append('"').append(k).append("\":");
        canonical(v, sb);
        sb.append(',');
      });
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      n.forEach(e -> {
        canonical(e, sb);
        sb.append(',');
      });
      sb.append(']');
    } else if (n.isNumber()) {
      sb.append(n.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      sb.append(n.toString());
    }
  }
}
