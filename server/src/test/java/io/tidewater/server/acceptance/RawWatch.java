package io.tidewater.server.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A watch over raw HTTP: newline-delimited watch events, read on a virtual thread. */
final class RawWatch implements AutoCloseable {
  private static final JsonNode END = Json.object().put("type", "END-OF-STREAM");

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;

  private RawWatch(HttpResponse<InputStream> response) {
    this.response = response;
    Thread.startVirtualThread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!line.isBlank()) {
            events.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
          }
        }
      } catch (IOException e) {
        // closed by the test or the server
      } finally {
        ended = true;
        events.add(END);
      }
    });
  }

  /** Opens {@code path} (which must carry {@code watch=true}); fails unless the server answers 200. */
  static RawWatch open(RunningControlPlane server, String path) throws IOException, InterruptedException {
    HttpRequest req = server.request(path).timeout(Duration.ofMinutes(10)).GET().build();
    HttpResponse<InputStream> r = server.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new AssertionError("watch " + path + " answered " + r.statusCode() + ": " + body);
    }
    return new RawWatch(r);
  }

  /** The next event, failing if none arrives in time or the stream ends. */
  JsonNode next(Duration timeout) throws InterruptedException {
    JsonNode e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("no watch event within " + timeout);
    }
    if (e == END) {
      events.add(END);
      throw new AssertionError("the watch ended");
    }
    return e;
  }

  /** The next event that is not a BOOKMARK. */
  JsonNode nextChange(Duration timeout) throws InterruptedException {
    while (true) {
      JsonNode e = next(timeout);
      if (!e.path("type").asText().equals("BOOKMARK")) {
        return e;
      }
    }
  }

  /** Waits for the server to end the stream, returning the events sent before it did. */
  List<JsonNode> awaitEnd(Duration timeout) throws InterruptedException {
    List<JsonNode> rest = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("the watch did not end within " + timeout + "; events: " + rest);
      }
      if (e == END) {
        events.add(END);
        return rest;
      }
      rest.add(e);
    }
  }

  /** Whether nothing more has arrived, after waiting briefly. */
  JsonNode poll(Duration timeout) throws InterruptedException {
    JsonNode e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == END) {
      events.add(END);
      return null;
    }
    return e;
  }

  boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
  }
}
