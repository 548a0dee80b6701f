package io.tidewater.simulator.hosting;

import io.tidewater.simulator.SimulatedCluster;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The root of the fleet's listener: {@code /clusters/<name>/...} goes to that member's API server
 * with the prefix removed, {@code /fleet/v1/...} to the admin API, {@code /healthz} answers for
 * the fleet itself.
 */
public final class FleetHandler extends Handler.Abstract {
  public static final String CLUSTERS_PREFIX = "/clusters/";

  private final ConcurrentMap<String, HostedMember> members = new ConcurrentHashMap<>();
  private final FleetAdminRoute admin;

  public FleetHandler(String adminToken) {
    this.admin = new FleetAdminRoute(adminToken, this::cluster, this::clusters);
  }

  public void add(SimulatedCluster cluster) {
    members.put(cluster.name(), new HostedMember(cluster));
  }

  public void remove(String name) {
    members.remove(name);
  }

  private SimulatedCluster cluster(String name) {
    HostedMember m = members.get(name);
    return m == null ? null : m.cluster();
  }

  private java.util.Collection<SimulatedCluster> clusters() {
    return members.values().stream().map(HostedMember::cluster).sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path == null) {
      path = "/";
    }
    if (path.startsWith(CLUSTERS_PREFIX)) {
      int end = path.indexOf('/', CLUSTERS_PREFIX.length());
      String name = end < 0 ? path.substring(CLUSTERS_PREFIX.length()) : path.substring(CLUSTERS_PREFIX.length(), end);
      HostedMember member = members.get(name);
      if (member == null) {
        JsonResponses.status(response, callback, 404, "NotFound", "no simulated cluster named \"" + name + "\"");
        return true;
      }
      return member.serve(request, end < 0 ? "/" : path.substring(end), response, callback);
    }
    if (FleetAdminRoute.matches(path)) {
      admin.handle(request, response, callback);
      return true;
    }
    if (List.of("/healthz", "/readyz", "/livez").contains(path)) {
      response.setStatus(200);
      response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
      response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
      return true;
    }
    JsonResponses.status(response, callback, 404, "NotFound", "the server could not find the requested resource");
    return true;
  }
}
