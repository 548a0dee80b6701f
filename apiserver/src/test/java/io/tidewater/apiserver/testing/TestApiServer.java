package io.tidewater.apiserver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.store.Store;
import io.tidewater.store.embedded.EmbeddedStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A federation API server on an in-memory store, and a plain HTTP client for it: what the API
 * semantics tests talk to. Requests carry the admin token unless told otherwise.
 */
public final class TestApiServer implements AutoCloseable {
  public static final String TOKEN = "t";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final ApiServer server;
  private final Store store;
  private final HttpClient http;
  private final URI base;

  private TestApiServer(ApiServer server, Store store) {
    this.server = server;
    this.store = store;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    this.base = server.url();
  }

  public static TestApiServer start() {
    return start(b -> {});
  }

  public static TestApiServer start(Consumer<ApiServer.Builder> customize) {
    return start(EmbeddedStore.inMemory(), customize);
  }

  public static TestApiServer start(Store store, Consumer<ApiServer.Builder> customize) {
    ApiServer.Builder b = ApiProfiles.federation(store).port(0).tokens(Map.of(TOKEN, "admin"));
    customize.accept(b);
    try {
      return new TestApiServer(b.start(), store);
    } catch (Exception e) {
      throw new IllegalStateException("api server did not start", e);
    }
  }

  public ApiServer server() {
    return server;
  }

  public Store store() {
    return store;
  }

  public URI url() {
    return base;
  }

  public HttpClient http() {
    return http;
  }

  @Override
  public void close() {
    server.close();
    store.close();
    http.close();
  }

  // ---------------------------------------------------------------- requests

  public Response get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public Response post(String path, Object body, String... headers) {
    return send("POST", path, "application/json", body, headers);
  }

  public Response put(String path, Object body, String... headers) {
    return send("PUT", path, "application/json", body, headers);
  }

  public Response patch(String path, String contentType, Object body, String... headers) {
    return send("PATCH", path, contentType, body, headers);
  }

  public Response delete(String path, String... headers) {
    return send("DELETE", path, null, null, headers);
  }

  public Response delete(String path, Object body, String... headers) {
    return send("DELETE", path, "application/json", body, headers);
  }

  /** Sends one request; {@code body} is a JSON tree, a String or bytes. Headers alternate name, value. */
  public Response send(String method, String path, String contentType, Object body, String... headers) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    boolean auth = true;
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("Authorization") && headers[i + 1] == null) {
        auth = false;
        continue;
      }
      rb.header(headers[i], headers[i + 1]);
    }
    if (auth) {
      rb.header("Authorization", "Bearer " + TOKEN);
    }
    if (contentType != null) {
      rb.header("Content-Type", contentType);
    }
    rb.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    try {
      HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(Object body) {
    return switch (body) {
      case byte[] b -> b;
      case String s -> s.getBytes(StandardCharsets.UTF_8);
      default -> Json.bytes(body);
    };
  }

  /** One response. */
  public record Response(int code, HttpHeaders headers, byte[] body) {
    public JsonNode json() {
      return Json.parse(body);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String rv() {
      JsonNode meta = json().path("metadata");
      return meta.path("resourceVersion").asText();
    }

    /** The names of a list's items, in order. */
    public List<String> names() {
      List<String> out = new ArrayList<>();
      json().path("items").forEach(i -> out.add(i.path("metadata").path("name").asText()));
      return out;
    }

    public String reason() {
      return json().path("reason").asText();
    }

    @Override
    public String toString() {
      return code + " " + text();
    }
  }

  // ---------------------------------------------------------------- watches

  /** Opens a watch; events arrive on a background thread. */
  public WatchConnection watch(String path, String... headers) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + TOKEN);
    for (int i = 0; i < headers.length; i += 2) {
      rb.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<InputStream> r = http.send(rb.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      return new WatchConnection(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A streaming watch response, read line by line into a queue of events. */
  public static final class WatchConnection implements AutoCloseable {
    private static final JsonNode END = Json.object().put("type", "__END__");
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    WatchConnection(HttpResponse<InputStream> response) {
      this.response = response;
      Thread.ofVirtual().name("test-watch-reader").start(this::read);
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            events.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
          }
        }
      } catch (IOException | RuntimeException e) {
        // closed by the test, or the server went away: both end the stream
      } finally {
        ended.complete(null);
        events.add(END);
      }
    }

    public int code() {
      return response.statusCode();
    }

    /** The next event, or null if none arrives within {@code timeout} or the stream ended. */
    public JsonNode next(Duration timeout) {
      try {
        JsonNode e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == END) {
          events.add(END);
          return null;
        }
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /** The next event that is not a BOOKMARK. */
    public JsonNode nextNonBookmark(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        JsonNode e = next(Duration.ofNanos(left));
        if (e == null || !e.path("type").asText().equals("BOOKMARK")) {
          return e;
        }
      }
    }

    /** Exactly {@code n} events (fails the test if fewer arrive in time). */
    public List<JsonNode> take(int n, Duration timeout) {
      List<JsonNode> out = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < n) {
        long left = deadline - System.nanoTime();
        JsonNode e = left <= 0 ? null : next(Duration.ofNanos(left));
        if (e == null) {
          throw new AssertionError("expected " + n + " watch events, got " + out.size() + ": " + out);
        }
        out.add(e);
      }
      return out;
    }

    public boolean awaitEnd(Duration timeout) {
      try {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    public boolean isEnded() {
      return ended.isDone();
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

  // ---------------------------------------------------------------- objects

  /** A fresh namespace name, created on the server. */
  public String newNamespace() {
    String name = "ns-" + NAMESPACES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    Response r = post("/api/v1/namespaces", namespace(name));
    if (r.code() != 201) {
      throw new IllegalStateException("could not create namespace: " + r);
    }
    return name;
  }

  public static ObjectNode namespace(String name) {
    ObjectNode o = Json.object();
    o.put("apiVersion", "v1");
    o.put("kind", "Namespace");
    o.putObject("metadata").put("name", name);
    return o;
  }

  public static ObjectNode configMap(String name, Map<String, String> labels, Map<String, String> data) {
    ObjectNode o = Json.object();
    o.put("apiVersion", "v1");
    o.put("kind", "ConfigMap");
    ObjectNode meta = o.putObject("metadata");
    if (name != null) {
      meta.put("name", name);
    }
    if (!labels.isEmpty()) {
      ObjectNode l = meta.putObject("labels");
      labels.forEach(l::put);
    }
    ObjectNode d = o.putObject("data");
    data.forEach(d::put);
    return o;
  }

  public static ObjectNode configMap(String name) {
    return configMap(name, Map.of(), Map.of("k", "v"));
  }

  public static ObjectNode deployment(String name, int replicas) {
    ObjectNode o = Json.parseObject(
        ("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
           "template":{"metadata":{"labels":{"app":"%s"}},
             "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """).formatted(name, replicas, name, name).getBytes(StandardCharsets.UTF_8));
    return o;
  }

  /** An owner reference to {@code owner} (a stored object). */
  public static ObjectNode ownerReference(JsonNode owner, boolean blockOwnerDeletion) {
    ObjectNode r = Json.object();
    r.put("apiVersion", owner.path("apiVersion").asText());
    r.put("kind", owner.path("kind").asText());
    r.put("name", owner.path("metadata").path("name").asText());
    r.put("uid", owner.path("metadata").path("uid").asText());
    if (blockOwnerDeletion) {
      r.put("blockOwnerDeletion", true);
    }
    return r;
  }
}
