package io.tidewater.api.schema.gen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON for a committed, reviewed file: objects one member per line with two-space indent,
 * arrays of scalars on one line, so a changed field shows as a one-line diff.
 */
final class JsonRenderer {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonRenderer() {}

  static String render(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, 0, out);
    return out.append('\n').toString();
  }

  private static void write(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        indent(depth + 1, out).append(scalar(MAPPER.getNodeFactory().textNode(field.getKey()))).append(": ");
        write(field.getValue(), depth + 1, out);
        out.append(fields.hasNext() ? ",\n" : "\n");
      }
      indent(depth, out).append('}');
    } else if (node.isArray()) {
      boolean scalars = true;
      for (JsonNode element : node) {
        scalars &= element.isValueNode();
      }
      if (scalars) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          out.append(i == 0 ? "" : ", ").append(scalar(node.get(i)));
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        write(node.get(i), depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out).append(']');
    } else {
      out.append(scalar(node));
    }
  }

  private static String scalar(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StringBuilder indent(int depth, StringBuilder out) {
    return out.append("  ".repeat(depth));
  }
}
