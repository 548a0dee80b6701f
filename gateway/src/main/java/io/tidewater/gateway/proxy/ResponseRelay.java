package io.tidewater.gateway.proxy;

import io.tidewater.apiserver.http.HttpExchange;
import io.tidewater.member.http.ForwardedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes a member's response to the gateway's client as it arrives: status, end-to-end headers,
 * and the body chunk by chunk, each chunk flushed at once, so watches and followed logs stream.
 * Stops when either side goes away.
 */
public final class ResponseRelay {
  /** Hop-by-hop headers, and those the exchange sets itself. */
  private static final Set<String> NOT_RELAYED = Set.of(
      "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length", "content-type", "cache-control",
      "proxy-authenticate", "proxy-connection", "date", "server");

  private ResponseRelay() {}

  public static void relay(ForwardedResponse response, HttpExchange exchange) throws IOException {
    try (response) {
      for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
        String name = h.getKey();
        if (name == null || name.startsWith(":") || NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
          continue;
        }
        for (String v : h.getValue()) {
          exchange.addHeader(name, v);
        }
      }
      String contentType = response.header("Content-Type");
      exchange.onFailure(response::close);
      exchange.startStream(response.code(), contentType == null ? "application/octet-stream" : contentType);
      InputStream in = response.body();
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          break; // the member went away mid-stream: end what the client has
        }
        if (n < 0) {
          break;
        }
        if (n > 0 && !exchange.write(Arrays.copyOf(buffer, n))) {
          return; // the client went away
        }
      }
      exchange.endStream();
    }
  }
}
