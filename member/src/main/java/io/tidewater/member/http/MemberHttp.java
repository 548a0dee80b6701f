package io.tidewater.member.http;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Raw HTTP to a member's API server with the connector's credentials: what the per-cluster proxy
 * and log streaming use. Requests are never retried here (a proxied watch or write must happen at
 * most once); the caller sees the member's own status and body.
 */
public final class MemberHttp {
  /**
   * Headers that describe one hop, carry the caller's credentials, or that the JDK HTTP client sets
   * itself. Accept-Encoding is dropped so bodies arrive as the member encodes them for identity.
   */
  private static final Set<String> NOT_FORWARDED = Set.of(
      "authorization", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
      "upgrade", "host", "content-length", "expect", "accept-encoding", "http2-settings", "impersonate-user", "impersonate-group",
      "impersonate-uid");

  private final String server;
  private final HttpClient http;

  /** @param http a client with the member's credentials and retries disabled */
  public MemberHttp(String server, HttpClient http) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.http = http;
  }

  public String server() {
    return server;
  }

  /** Whether a request header of this name is passed to the member. */
  public static boolean forwards(String header) {
    String h = header.toLowerCase(Locale.ROOT);
    return !NOT_FORWARDED.contains(h) && !h.startsWith("impersonate-extra-") && !h.startsWith(":");
  }

  /**
   * Sends the request and returns once the member's response headers have arrived.
   *
   * @throws IOException when the member cannot be reached or does not answer in time
   */
  public ForwardedResponse send(ForwardedRequest request) throws IOException {
    HttpRequest.Builder b = http.newHttpRequestBuilder().uri(server + request.pathAndQuery());
    String contentType = null;
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("content-type")) {
        contentType = h.getValue().isEmpty() ? null : h.getValue().get(0);
        continue;
      }
      if (!forwards(h.getKey())) {
        continue;
      }
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    boolean hasBody = request.body().length > 0 || !request.method().equals("GET") && !request.method().equals("HEAD")
        && !request.method().equals("DELETE");
    if (hasBody) {
      b.method(request.method(), contentType == null ? "application/json" : contentType, new ByteArrayInputStream(request.body()),
          (long) request.body().length);
    } else {
      b.method(request.method(), contentType, (String) null);
    }
    b.timeout(request.headersTimeout().toMillis(), TimeUnit.MILLISECONDS);
    b.forStreaming();
    CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(b.build(), InputStream.class);
    try {
      HttpResponse<InputStream> r = future.get(request.headersTimeout().toMillis(), TimeUnit.MILLISECONDS);
      InputStream body = r.body() == null ? InputStream.nullInputStream() : r.body();
      return new ForwardedResponse(r.code(), r.headers(), body);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("member " + server + " did not answer within " + request.headersTimeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + server);
    }
  }
}
