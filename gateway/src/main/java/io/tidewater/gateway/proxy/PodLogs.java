package io.tidewater.gateway.proxy;

import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.gateway.storage.MergedResourceStorage;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.http.ForwardedRequest;
import io.tidewater.member.http.ForwardedResponse;
import io.tidewater.apiserver.errors.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code pods/log} of a merged pod: the member's own log endpoint, with the client's query
 * (container, follow, tailLines, sinceSeconds, timestamps, previous, limitBytes) passed as it is
 * and the answer streamed back.
 */
public final class PodLogs implements MergedResourceStorage.MemberSubresource {
  private final Duration headersTimeout;

  public PodLogs(Duration headersTimeout) {
    this.headersTimeout = headersTimeout;
  }

  @Override
  public boolean isLongRunning(HttpExchange exchange) {
    return "true".equals(exchange.query("follow"));
  }

  @Override
  public void serve(HttpExchange exchange, MemberConnector member, String namespace, String memberName) throws Exception {
    String query = exchange.rawQuery();
    String path = "/api/v1/namespaces/" + namespace + "/pods/" + memberName + "/log" + (query == null || query.isEmpty() ? "" : "?" + query);
    ForwardedResponse response;
    try {
      response = member.http().send(new ForwardedRequest("GET", path, Map.of("Accept", List.of("*/*")), new byte[0], headersTimeout));
    } catch (IOException e) {
      throw ApiException.serviceUnavailable("member cluster " + member.cluster() + " is unreachable: " + e.getMessage());
    }
    ResponseRelay.relay(response, exchange);
  }
}
