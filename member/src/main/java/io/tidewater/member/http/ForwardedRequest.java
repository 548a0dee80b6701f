package io.tidewater.member.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A request to pass to a member's API server as it is.
 *
 * @param pathAndQuery the path on the member, starting with '/', with the raw query if any
 * @param headers headers to pass on; hop-by-hop headers and credentials are dropped by {@link
 *     MemberHttp}, which authenticates with the connector's own credentials
 * @param body the request body, empty for none
 * @param headersTimeout how long to wait for the response headers (the body may stream for longer)
 */
public record ForwardedRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body, Duration headersTimeout) {
  public ForwardedRequest {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  public static ForwardedRequest get(String pathAndQuery, Duration headersTimeout) {
    return new ForwardedRequest("GET", pathAndQuery, Map.of(), new byte[0], headersTimeout);
  }
}
