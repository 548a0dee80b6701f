package io.tidewater.simulator.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the fleet's own answers: JSON bodies and Kubernetes-style Status errors. */
final class JsonResponses {
  private JsonResponses() {}

  static void json(Response response, Callback callback, int code, JsonNode body) {
    byte[] bytes = Json.bytes(body);
    response.setStatus(code);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Cache-Control", "no-cache, private");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  static void status(Response response, Callback callback, int code, String reason, String message) {
    ObjectNode s = Json.object();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    json(response, callback, code, s);
  }
}
