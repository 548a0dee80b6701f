package io.tidewater.server.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.server.ControlPlane;
import io.tidewater.server.StoreSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real control plane in this JVM for acceptance tests (one per test class), with an HTTP client
 * that trusts its CA and carries the admin token.
 */
public final class RunningControlPlane implements AutoCloseable {
  private final Path dataDir;
  private final ControlPlane controlPlane;
  private final HttpClient http;

  private RunningControlPlane(Path dataDir, ControlPlane controlPlane) {
    this.dataDir = dataDir;
    this.controlPlane = controlPlane;
    this.http = HttpClient.newBuilder()
        .sslContext(trusting(controlPlane.tls().caCertificate()))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Starts on a fresh temporary data directory with the given store ("embedded", "memory", "etcd://…"). */
  public static RunningControlPlane start(String store) {
    try {
      Path dir = Files.createTempDirectory("tidewater-accept-");
      ControlPlane cp = ControlPlane.start(new ControlPlane.Options(dir, StoreSpec.parse(store), "127.0.0.1", 0, false, List.of()));
      return new RunningControlPlane(dir, cp);
    } catch (Exception e) {
      throw new IllegalStateException("control plane did not start: " + e, e);
    }
  }

  /** An SSL context that trusts exactly this CA. */
  public static SSLContext trusting(X509Certificate ca) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("tidewater-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  public URI url() {
    return controlPlane.api().url();
  }

  public Path kubeconfig() {
    return controlPlane.kubeconfig();
  }

  public String token() {
    return controlPlane.adminToken();
  }

  public HttpClient http() {
    return http;
  }

  /** A request builder for {@code path} (with query) carrying the admin token. */
  public HttpRequest.Builder request(String pathAndQuery) {
    // Not url().resolve(...): resolution would remove dot segments, and tests send them on purpose.
    return HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token());
  }

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(int code, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return Json.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return code + " " + body;
    }
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path) {
    return send(request(path).GET().build());
  }

  public Response delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** Sends {@code body} with {@code method} and the content type. */
  public Response send(String method, String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public Response post(String path, Object body) {
    return send("POST", path, "application/json", body instanceof String s ? s : Json.string(body));
  }

  public Response put(String path, Object body) {
    return send("PUT", path, "application/json", body instanceof String s ? s : Json.string(body));
  }

  /**
   * Compacts the store to its current revision through the admin route; with {@code
   * terminateWatches} every open watch ends with a 410 ERROR event.
   */
  public long compact(boolean terminateWatches) {
    Response r = send(request("/debug/tidewater/compact?terminateWatches=" + terminateWatches)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    if (r.code() != 200) {
      throw new IllegalStateException("compaction failed: " + r);
    }
    return r.json().get("compactedRevision").asLong();
  }

  /** Creates a namespace, failing unless the server answers 201. */
  public void createNamespace(String name) {
    Response r = post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
    if (r.code() != 201) {
      throw new IllegalStateException("namespace " + name + " not created: " + r);
    }
  }

  @Override
  public void close() {
    controlPlane.close();
    deleteRecursively(dataDir);
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: temporary directories under target/ are cleaned by the build anyway.
    }
  }
}
