package io.tidewater.gateway.proxy;

import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.apiserver.http.Route;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.http.ForwardedRequest;
import io.tidewater.member.http.ForwardedResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-cluster proxy, {@code /apis/cluster.tidewater.io/v1alpha1/clusters/{name}/proxy/...}:
 * any request to the path after {@code proxy} is sent to that member with the connector's
 * credentials (never the caller's), and the answer streams back, watches included. Like OCM's
 * cluster-gateway, it is for reaching one cluster's API as it is; upgrades (exec, attach,
 * port-forward) are not proxied.
 */
public final class ClusterProxyRoute implements Route {
  static final String PREFIX = "/apis/cluster.tidewater.io/v1alpha1/clusters/";
  /** Request headers passed on: content negotiation, conditional requests and the client's identity string. */
  private static final List<String> FORWARDED_HEADERS = List.of(
      "Accept", "Content-Type", "User-Agent", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "Audit-Id");
  private static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final Members members;
  private final Duration headersTimeout;

  public ClusterProxyRoute(Members members, Duration headersTimeout) {
    this.members = members;
    this.headersTimeout = headersTimeout;
  }

  /** The cluster and the member path of a proxy URL, or null if the path is not one. */
  record Target(String cluster, String memberPath) {
    static Target parse(String path) {
      if (!path.startsWith(PREFIX)) {
        return null;
      }
      String rest = path.substring(PREFIX.length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        return null;
      }
      String after = rest.substring(slash);
      if (after.equals("/proxy")) {
        return new Target(rest.substring(0, slash), "/");
      }
      if (after.startsWith("/proxy/")) {
        return new Target(rest.substring(0, slash), after.substring("/proxy".length()));
      }
      return null;
    }
  }

  @Override
  public boolean matches(String path) {
    return Target.parse(path) != null;
  }

  @Override
  public boolean isLongRunning(HttpExchange exchange) {
    String watch = exchange.query("watch");
    Target t = Target.parse(exchange.path());
    return "true".equals(watch) || "1".equals(watch) || "true".equals(exchange.query("follow"))
        || (t != null && t.memberPath().contains("/watch/"));
  }

  @Override
  public void handle(HttpExchange exchange) throws Exception {
    Target target = Target.parse(exchange.path());
    MemberConnector member = members.get(target.cluster())
        .orElseThrow(() -> ApiException.notFound("cluster.tidewater.io", "clusters", target.cluster()));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String h : FORWARDED_HEADERS) {
      List<String> values = exchange.headerValues(h);
      if (!values.isEmpty()) {
        headers.put(h, values);
      }
    }
    String method = exchange.method();
    byte[] body = method.equals("GET") || method.equals("HEAD") ? new byte[0] : exchange.body(MAX_BODY_BYTES);
    String query = exchange.rawQuery();
    String pathAndQuery = target.memberPath() + (query == null || query.isEmpty() ? "" : "?" + query);
    ForwardedResponse response;
    try {
      response = member.http().send(new ForwardedRequest(method, pathAndQuery, headers, body, headersTimeout));
    } catch (IOException e) {
      throw ApiException.serviceUnavailable("member cluster " + target.cluster() + " is unreachable: " + e.getMessage());
    }
    ResponseRelay.relay(response, exchange);
  }
}
