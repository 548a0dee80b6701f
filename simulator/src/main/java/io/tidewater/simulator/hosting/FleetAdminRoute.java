package io.tidewater.simulator.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.simulator.SimulatedCluster;
import io.tidewater.simulator.faults.ClusterFaults;
import io.tidewater.simulator.faults.FaultState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's admin API, for the CLI and for tests in other processes, behind the fleet's admin
 * token:
 *
 * <pre>
 * GET    /fleet/v1/clusters                  members, their node counts and faults
 * GET    /fleet/v1/clusters/NAME/faults      {"unreachable":false,"latencyMillis":0,"lostNodes":{}}
 * PUT    /fleet/v1/clusters/NAME/faults      the same shape; absent fields are left as they are;
 *                                            lostNodes sets how many nodes of each pool are lost
 * DELETE /fleet/v1/clusters/NAME/faults      recover from every fault
 * </pre>
 */
final class FleetAdminRoute {
  private static final Logger log = LoggerFactory.getLogger(FleetAdminRoute.class);
  static final String PREFIX = "/fleet/v1/clusters";
  private static final int MAX_BODY = 64 * 1024;

  private final byte[] adminToken;
  private final Function<String, SimulatedCluster> lookup;
  private final Supplier<Collection<SimulatedCluster>> all;

  FleetAdminRoute(String adminToken, Function<String, SimulatedCluster> lookup, Supplier<Collection<SimulatedCluster>> all) {
    this.adminToken = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    this.lookup = lookup;
    this.all = all;
  }

  static boolean matches(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  void handle(Request request, Response response, Callback callback) {
    String auth = request.getHeaders().get("Authorization");
    if (auth == null || !MessageDigest.isEqual(adminToken, auth.getBytes(StandardCharsets.UTF_8))) {
      JsonResponses.status(response, callback, 401, "Unauthorized", "Unauthorized");
      return;
    }
    String path = request.getHttpURI().getDecodedPath();
    String rest = path.substring(PREFIX.length());
    String method = request.getMethod();
    try {
      if (rest.isEmpty() || rest.equals("/")) {
        if (!method.equals("GET")) {
          JsonResponses.status(response, callback, 405, "MethodNotAllowed", "only GET is allowed here");
          return;
        }
        ObjectNode list = Json.object();
        ArrayNode items = list.putArray("clusters");
        for (SimulatedCluster c : all.get()) {
          ObjectNode o = items.addObject();
          o.put("name", c.name());
          o.put("nodes", c.nodes().size());
          o.set("faults", toJson(c.faults().state()));
        }
        JsonResponses.json(response, callback, 200, list);
        return;
      }
      String[] parts = rest.substring(1).split("/");
      if (parts.length != 2 || !parts[1].equals("faults")) {
        JsonResponses.status(response, callback, 404, "NotFound", "the server could not find the requested resource");
        return;
      }
      SimulatedCluster cluster = lookup.apply(parts[0]);
      if (cluster == null) {
        JsonResponses.status(response, callback, 404, "NotFound", "simulated cluster \"" + parts[0] + "\" not found");
        return;
      }
      ClusterFaults faults = cluster.faults();
      switch (method) {
        case "GET" -> { }
        case "PUT", "POST", "PATCH" -> apply(faults, readBody(request));
        case "DELETE" -> faults.recoverAll();
        default -> {
          JsonResponses.status(response, callback, 405, "MethodNotAllowed", "the method " + method + " is not allowed here");
          return;
        }
      }
      JsonResponses.json(response, callback, 200, toJson(faults.state()));
    } catch (IllegalArgumentException e) {
      JsonResponses.status(response, callback, 400, "BadRequest", e.getMessage());
    } catch (RuntimeException e) {
      log.warn("fleet admin request failed method={} path={} error={}", method, path, e.toString());
      JsonResponses.status(response, callback, 500, "InternalError", e.toString());
    }
  }

  private static JsonNode readBody(Request request) {
    try (InputStream in = Request.asInputStream(request)) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new IllegalArgumentException("the request body is larger than " + MAX_BODY + " bytes");
      }
      JsonNode n = Json.parse(body);
      if (!n.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("could not read the request body: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage());
    }
  }

  private static void apply(ClusterFaults faults, JsonNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("unreachable") && !f.equals("latencyMillis") && !f.equals("lostNodes")) {
        throw new IllegalArgumentException("unknown field \"" + f + "\"; expected unreachable, latencyMillis or lostNodes");
      }
    }
    if (body.has("latencyMillis")) {
      if (!body.get("latencyMillis").canConvertToLong()) {
        throw new IllegalArgumentException("latencyMillis must be an integer");
      }
      faults.setLatency(Duration.ofMillis(body.get("latencyMillis").asLong()));
    }
    if (body.has("lostNodes")) {
      JsonNode lost = body.get("lostNodes");
      if (!lost.isObject()) {
        throw new IllegalArgumentException("lostNodes must map pool names to node counts");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = lost.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
          throw new IllegalArgumentException("lostNodes." + e.getKey() + " must be a count of nodes");
        }
        faults.setLostNodes(e.getKey(), e.getValue().asInt());
      }
    }
    if (body.has("unreachable")) {
      if (!body.get("unreachable").isBoolean()) {
        throw new IllegalArgumentException("unreachable must be true or false");
      }
      faults.setUnreachable(body.get("unreachable").asBoolean());
    }
  }

  static ObjectNode toJson(FaultState s) {
    ObjectNode o = Json.object();
    o.put("unreachable", s.unreachable());
    o.put("latencyMillis", s.latency().toMillis());
    ObjectNode lost = o.putObject("lostNodes");
    s.lostNodes().forEach(lost::put);
    return o;
  }
}
