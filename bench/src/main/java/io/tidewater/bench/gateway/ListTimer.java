package io.tidewater.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Times LIST requests against the federation over HTTP, from request to the last byte of the body. */
final class ListTimer {
  private final String url;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ListTimer(String url) {
    this.url = url;
  }

  /** One full response: its size and how long it took. */
  record Timed(long bytes, double millis, String body) {}

  Timed get(String pathAndQuery, boolean keepBody) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + pathAndQuery))
        .header("Authorization", "Bearer " + BenchFleet.TOKEN)
        .header("Accept", "application/json")
        .timeout(Duration.ofMinutes(2))
        .build();
    long start = System.nanoTime();
    HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    byte[] kept = null;
    long bytes = 0;
    try (InputStream in = r.body()) {
      if (keepBody) {
        kept = in.readAllBytes();
        bytes = kept.length;
      } else {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
          bytes += n;
        }
      }
    }
    double millis = (System.nanoTime() - start) / 1e6;
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " for " + pathAndQuery);
    }
    return new Timed(bytes, millis, kept == null ? null : new String(kept, StandardCharsets.UTF_8));
  }

  /** Every page of a paginated list, as client-go's pager reads them; returns the total time. */
  Timed paged(String path, int limit) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long bytes = 0;
    String token = null;
    int items = 0;
    do {
      String q = path + "?limit=" + limit + (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      Timed page = get(q, true);
      bytes += page.bytes();
      // The list's metadata comes before its items: read only that, as a pager would before decoding.
      String body = page.body();
      int itemsAt = body.indexOf(",\"items\":[");
      JsonNode head = Json.parse((body.substring(0, itemsAt) + "}").getBytes(StandardCharsets.UTF_8));
      token = head.at("/metadata/continue").isTextual() ? head.at("/metadata/continue").asText() : null;
      items += limit;
    } while (token != null);
    return new Timed(bytes, (System.nanoTime() - start) / 1e6, Integer.toString(Math.max(items, 0)));
  }
}
