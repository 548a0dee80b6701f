package io.tidewater.gateway.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.gateway.Gateway;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.member.health.HealthProbeOptions;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.store.embedded.EmbeddedStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A federation API server with the Cluster Gateway installed over a few test member clusters,
 * each reached through its own connector as any member would be. Probes and reconnects are fast
 * so that members going away and coming back are seen within a second or two.
 */
public final class GatewayFixture implements AutoCloseable {
  public static final String TOKEN = "federation-admin-token";

  private final List<TestMemberCluster> members = new ArrayList<>();
  private final Members registry = new Members();
  private final EmbeddedStore store = EmbeddedStore.inMemory();
  private ApiServer federation;
  private io.tidewater.apiserver.tls.TlsMaterial tls;
  private Gateway gateway;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  public static ConnectorOptions fastConnectors() {
    return ConnectorOptions.defaults()
        .withHealth(new HealthProbeOptions(Duration.ofMillis(200), Duration.ofSeconds(1), 1))
        .withWatchReconnectInterval(Duration.ofMillis(100));
  }

  public static GatewayFixture start(List<String> memberNames, GatewayOptions options) throws Exception {
    return start(memberNames, options, null);
  }

  /**
   * @param pkiDir where the federation's TLS identity lives, or null for plain HTTP (kubectl sends
   *     bearer tokens over HTTPS only)
   */
  public static GatewayFixture start(List<String> memberNames, GatewayOptions options, Path pkiDir) throws Exception {
    GatewayFixture f = new GatewayFixture();
    try {
      f.tls = pkiDir == null ? null : io.tidewater.apiserver.tls.TlsMaterial.loadOrCreate(pkiDir, List.of());
      for (String name : memberNames) {
        TestMemberCluster m = TestMemberCluster.start(name);
        f.members.add(m);
        f.registry.put(MemberConnector.connect(name, m.connection(), fastConnectors()));
      }
      ApiServer.Builder builder =
          ApiProfiles.federation(f.store).name("federation").port(0).tls(f.tls).tokens(Map.of(TOKEN, "admin"));
      f.gateway = Gateway.install(builder, f.registry, options);
      f.federation = builder.start();
      for (String name : memberNames) {
        await().atMost(Duration.ofSeconds(30)).until(() -> f.gateway.hasSynced(name));
      }
      return f;
    } catch (Exception | Error e) {
      f.close();
      throw e;
    }
  }

  public TestMemberCluster member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  public List<TestMemberCluster> members() {
    return members;
  }

  public Members registry() {
    return registry;
  }

  public Gateway gateway() {
    return gateway;
  }

  public ApiServer federation() {
    return federation;
  }

  public String url() {
    return federation.url().toString();
  }

  /** A fabric8 client of the federation endpoint. */
  public KubernetesClient fabric8() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withOauthToken(TOKEN).withOnlyHttpWatches(true).build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  /** A kubeconfig of the federation endpoint, for kubectl. */
  public Path writeKubeconfig(Path dir) throws IOException {
    String ca = tls == null ? "" : "\n    certificate-authority-data: "
        + java.util.Base64.getEncoder().encodeToString(tls.caPem().getBytes(StandardCharsets.US_ASCII));
    String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: tidewater\n  cluster:\n    server: " + url() + ca
        + "\nusers:\n- name: admin\n  user:\n    token: " + TOKEN
        + "\ncontexts:\n- name: tidewater\n  context:\n    cluster: tidewater\n    user: admin\ncurrent-context: tidewater\n";
    Path p = dir.resolve("kubeconfig");
    Files.writeString(p, yaml);
    return p;
  }

  /** One response of the federation endpoint. */
  public record Response(int code, String body) {
    public JsonNode json() {
      return Json.parse(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  public Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, null, Map.of());
  }

  public Response send(String method, String pathAndQuery, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN);
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens a streamed GET (watch, followed logs); the caller reads lines and closes the stream. */
  public java.io.InputStream stream(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).header("Authorization", "Bearer " + TOKEN).build();
    HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      String body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new IOException("HTTP " + r.statusCode() + ": " + body);
    }
    return r.body();
  }

  @Override
  public void close() {
    if (federation != null) {
      federation.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    registry.close();
    members.forEach(TestMemberCluster::close);
    store.close();
  }
}
