package io.tidewater.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.simulator.Fleet;
import io.tidewater.simulator.KubeconfigEntry;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.SimulatedClusterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unreachable member answers nothing (the client's request fails with an I/O error, over
 * HTTP/1.1 and HTTP/2), cuts its running watches, and serves again on recovery, while the other
 * members on the same port are untouched; a slow member answers after its latency. Driven through
 * the fleet's admin API, as the CLI will.
 */
class RequestFaultsTest {
  @TempDir static Path dir;
  static Fleet fleet;
  static TlsMaterial tls;

  @BeforeAll
  static void start() throws Exception {
    tls = TlsMaterial.loadOrCreate(dir.resolve("tls"), List.of());
    fleet = Fleet.start(Fleet.Options.tls(tls));
    fleet.ensure("sick", SimulatedClusterSpec.of(NodePoolSpec.of("general", 2, "8", "32Gi")));
    fleet.ensure("well", SimulatedClusterSpec.of(NodePoolSpec.of("general", 2, "8", "32Gi")));
  }

  @AfterAll
  static void stop() {
    fleet.close();
  }

  static HttpClient client(HttpClient.Version version) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", tls.caCertificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).version(version).connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpRequest get(String cluster, String path) {
    KubeconfigEntry e = fleet.kubeconfigEntry(cluster).orElseThrow();
    return HttpRequest.newBuilder(URI.create(e.server() + path)).header("Authorization", "Bearer " + e.token()).timeout(Duration.ofSeconds(20)).build();
  }

  static HttpResponse<String> admin(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fleet.url() + path)).header("Authorization", "Bearer " + fleet.adminToken())
        .timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client(HttpClient.Version.HTTP_1_1).send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(value = HttpClient.Version.class)
  void unreachableMemberAnswersNothingAndRecovers(HttpClient.Version version) throws Exception {
    HttpClient client = client(version);
    assertThat(client.send(get("sick", "/api/v1/nodes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    // A watch in flight when the member goes away.
    CompletableFuture<HttpResponse<InputStream>> watch = client.sendAsync(get("sick", "/api/v1/namespaces?watch=true"), HttpResponse.BodyHandlers.ofInputStream());
    InputStream stream = watch.get(10, TimeUnit.SECONDS).body();
    assertThat(admin("PUT", "/fleet/v1/clusters/sick/faults", "{\"unreachable\":true}").statusCode()).isEqualTo(200);

    assertThatThrownBy(() -> client.send(get("sick", "/api/v1/nodes"), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> stream.readAllBytes()).isInstanceOf(IOException.class);
    assertThat(client.send(get("well", "/api/v1/nodes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    JsonNode state = Json.parse(admin("GET", "/fleet/v1/clusters/sick/faults", null).body().getBytes());
    assertThat(state.path("unreachable").asBoolean()).isTrue();

    assertThat(admin("DELETE", "/fleet/v1/clusters/sick/faults", null).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(client.send(get("sick", "/api/v1/nodes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
  }

  @Test
  void slowMemberAnswersAfterItsLatency() throws Exception {
    HttpClient client = client(HttpClient.Version.HTTP_2);
    fleet.get("sick").orElseThrow().faults().setLatency(Duration.ofMillis(400));
    try {
      long start = System.nanoTime();
      assertThat(client.send(get("sick", "/api/v1/nodes"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
      JsonNode state = Json.parse(admin("GET", "/fleet/v1/clusters/sick/faults", null).body().getBytes());
      assertThat(state.path("latencyMillis").asLong()).isEqualTo(400);
    } finally {
      admin("PUT", "/fleet/v1/clusters/sick/faults", "{\"latencyMillis\":0}");
    }
    assertThat(fleet.get("sick").orElseThrow().faults().state().isHealthy()).isTrue();
  }

  @Test
  void adminApiNeedsTheAdminTokenAndRejectsBadInput() throws Exception {
    HttpRequest noToken = HttpRequest.newBuilder(URI.create(fleet.url() + "/fleet/v1/clusters")).build();
    assertThat(client(HttpClient.Version.HTTP_1_1).send(noToken, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(admin("PUT", "/fleet/v1/clusters/sick/faults", "{\"unreachable\":\"yes\"}").statusCode()).isEqualTo(400);
    assertThat(admin("PUT", "/fleet/v1/clusters/sick/faults", "{\"lostNodes\":{\"nope\":1}}").statusCode()).isEqualTo(400);
    assertThat(admin("GET", "/fleet/v1/clusters/nobody/faults", null).statusCode()).isEqualTo(404);
    JsonNode list = Json.parse(admin("GET", "/fleet/v1/clusters", null).body().getBytes());
    assertThat(list.path("clusters").findValuesAsText("name")).contains("sick", "well");
  }
}
