package io.tidewater.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.store.etcd.EtcdProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 2's durability acceptance: {@code tidewater up} in a child JVM takes 10,000 creates from a
 * client that records each acknowledged one, is killed with SIGKILL the moment the 10,000th
 * acknowledgement arrives (with more writes in flight), and restarts on the same data directory
 * (or the same etcd). Every acknowledged object must be there, byte for byte as acknowledged.
 */
class DurabilityTest {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DurabilityTest.class);
  private static final int ACKNOWLEDGED = 10_000;
  /** Writes beyond the target, so some are in flight when the server dies. */
  private static final int EXTRA = 2_000;
  private static final int IN_FLIGHT = 32;
  private static final String NS = "durable";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "etcd"})
  void everyAcknowledgedWriteSurvivesKill9AndRestart(String storeKind, @TempDir Path dataDir) throws Exception {
    EtcdProcess etcd = storeKind.equals("etcd") ? EtcdProcess.start() : null;
    try {
      String store = etcd == null ? "embedded" : "etcd://" + etcd.endpointUri().getAuthority();
      Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();

      ChildTidewater first = ChildTidewater.start(dataDir, store, dataDir.resolve("first.log"));
      try {
        Client client = client(first);
        assertThat(client.send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}")
            .statusCode()).isEqualTo(201);
        long t0 = System.nanoTime();
        writeUntilKilled(client, first, acknowledged);
        log.info("durability writes store={} acknowledged={} millis={}", storeKind, acknowledged.size(), (System.nanoTime() - t0) / 1_000_000);
      } finally {
        first.kill();
      }
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED);

      ChildTidewater second = ChildTidewater.start(dataDir, store, dataDir.resolve("second.log"));
      try {
        Client client = client(second);
        long t1 = System.nanoTime();
        verifyAll(client, acknowledged);
        log.info("durability verified store={} millis={}", storeKind, (System.nanoTime() - t1) / 1_000_000);
        // And the restarted server takes writes again.
        assertThat(client.send("POST", "/api/v1/namespaces/" + NS + "/configmaps", configMap("after-restart")).statusCode()).isEqualTo(201);
      } finally {
        second.kill();
      }
    } finally {
      if (etcd != null) {
        etcd.close();
      }
    }
  }

  private static String configMap(String index) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + index + "\",\"labels\":{\"batch\":\"durability\"}},"
        + "\"data\":{\"index\":\"" + index + "\",\"payload\":\"" + "x".repeat(64) + index + "\"}}";
  }

  /** Creates objects with bounded concurrency; SIGKILLs the server on the ACKNOWLEDGED-th acknowledgement. */
  private static void writeUntilKilled(Client client, ChildTidewater server, Map<String, JsonNode> acknowledged) throws InterruptedException {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicInteger acks = new AtomicInteger();
    AtomicReference<String> unexpected = new AtomicReference<>();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < ACKNOWLEDGED + EXTRA && server.isAlive(); i++) {
      slots.acquire();
      String name = "cm-" + i;
      pending.add(client.sendAsync("POST", "/api/v1/namespaces/" + NS + "/configmaps", configMap(Integer.toString(i)))
          .whenComplete((r, error) -> {
            slots.release();
            if (error != null) {
              return; // in flight when the server died
            }
            if (r.statusCode() == 201) {
              acknowledged.put(name, Json.parse(r.body().getBytes(StandardCharsets.UTF_8)));
              if (acks.incrementAndGet() == ACKNOWLEDGED) {
                server.process().destroyForcibly(); // SIGKILL, with writes still in flight
              }
            } else {
              unexpected.compareAndSet(null, name + ": " + r.statusCode() + " " + r.body());
            }
          }));
    }
    for (CompletableFuture<?> f : pending) {
      try {
        f.get(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        // failed because the server died; acknowledged ones are recorded
      }
    }
    assertThat(unexpected.get()).as("a create was refused before the kill").isNull();
  }

  /** Reads everything back through paged lists, which come from the store itself. */
  private static void verifyAll(Client client, Map<String, JsonNode> acknowledged) throws Exception {
    Map<String, JsonNode> found = new java.util.HashMap<>();
    for (JsonNode item : listAll(client)) {
      found.put(item.at("/metadata/name").asText(), item);
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : acknowledged.entrySet()) {
      JsonNode now = found.get(e.getKey());
      if (now == null) {
        problems.add(e.getKey() + " is missing");
      } else if (!now.equals(e.getValue())) {
        problems.add(e.getKey() + " changed: acknowledged " + e.getValue() + " but found " + now);
      }
    }
    assertThat(problems).as("acknowledged objects missing or changed after kill -9").isEmpty();
    // Objects written but never acknowledged may exist; if they do, they are whole.
    assertThat(found).hasSizeGreaterThanOrEqualTo(acknowledged.size()).hasSizeLessThanOrEqualTo(ACKNOWLEDGED + EXTRA);
    found.forEach((name, item) -> assertThat(item.at("/data/index").asText()).as(name).isEqualTo(name.substring("cm-".length())));
    // One by one as well, for a sample: GET serves the same bytes.
    for (String name : acknowledged.keySet().stream().sorted().limit(50).toList()) {
      HttpResponse<String> r = client.send("GET", "/api/v1/namespaces/" + NS + "/configmaps/" + name, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Json.parse(r.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(acknowledged.get(name));
    }
  }

  private static List<JsonNode> listAll(Client client) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    String token = "";
    do {
      HttpResponse<String> r = client.send("GET",
          "/api/v1/namespaces/" + NS + "/configmaps?labelSelector=batch%3Ddurability&limit=1000"
              + (token.isEmpty() ? "" : "&continue=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)), null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode page = Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
      page.get("items").forEach(items::add);
      token = page.at("/metadata/continue").asText("");
    } while (!token.isEmpty());
    return items;
  }

  // ------------------------------------------------------------------ talking to the child JVM

  private static Client client(ChildTidewater server) throws Exception {
    JsonNode kubeconfig = Json.YAML.readTree(server.kubeconfig().toFile());
    String token = kubeconfig.at("/users/0/user/token").asText();
    byte[] caPem = Base64.getDecoder().decode(kubeconfig.at("/clusters/0/cluster/certificate-authority-data").asText());
    X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(caPem));
    HttpClient http = HttpClient.newBuilder().sslContext(RunningControlPlane.trusting(ca)).connectTimeout(Duration.ofSeconds(10)).build();
    return new Client(http, server.url(), token);
  }

  private record Client(HttpClient http, URI url, String token) {
    HttpRequest request(String method, String path, String body) {
      HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
      if (body == null) {
        return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
      }
      return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
      return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body) {
      return http.sendAsync(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }
  }
}
