package io.tidewater.apiserver.http;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import io.tidewater.apiserver.testing.TestApiServer.WatchConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoints around the resource API: discovery (legacy and aggregated), OpenAPI v3, version,
 * health, metrics, authentication and max-in-flight.
 */
class ServingEndpointsTest {
  private static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  private static final String AGGREGATED_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
  private static TestApiServer api;

  @BeforeAll
  static void start() {
    api = TestApiServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** "group/version/resource" to its legacy discovery entry, for every served resource and subresource. */
  private static Map<String, JsonNode> legacyDiscovery() {
    Map<String, JsonNode> out = new TreeMap<>();
    List<String> groupVersions = new ArrayList<>();
    api.get("/api").json().path("versions").forEach(v -> groupVersions.add("/api/" + v.asText()));
    api.get("/apis").json().path("groups").forEach(g -> g.path("versions").forEach(v -> groupVersions.add("/apis/" + v.path("groupVersion").asText())));
    for (String gv : groupVersions) {
      Response list = api.get(gv);
      assertThat(list.code()).as(gv).isEqualTo(200);
      assertThat(list.json().path("kind").asText()).isEqualTo("APIResourceList");
      String groupVersion = list.json().path("groupVersion").asText();
      assertThat(gv).endsWith(groupVersion);
      list.json().path("resources").forEach(r -> out.put(groupVersion + "/" + r.path("name").asText(), r));
    }
    return out;
  }

  @Test
  void legacyDiscoveryDescribesEveryServedResource() {
    JsonNode versions = api.get("/api").json();
    assertThat(versions.path("kind").asText()).isEqualTo("APIVersions");
    assertThat(versions.path("versions").get(0).asText()).isEqualTo("v1");

    JsonNode groups = api.get("/apis").json();
    assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
    for (JsonNode g : groups.path("groups")) {
      assertThat(g.path("preferredVersion").path("groupVersion").asText()).isNotEmpty();
      JsonNode group = api.get("/apis/" + g.path("name").asText()).json();
      assertThat(group.path("kind").asText()).isEqualTo("APIGroup");
      assertThat(group.path("name").asText()).isEqualTo(g.path("name").asText());
    }
    Map<String, JsonNode> resources = legacyDiscovery();
    assertThat(resources).containsKeys("v1/configmaps", "v1/namespaces", "apps/v1/deployments", "apps/v1/deployments/status",
        "apps/v1/deployments/scale", "autoscaling/v2/horizontalpodautoscalers");
    JsonNode cm = resources.get("v1/configmaps");
    assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(cm.path("namespaced").asBoolean()).isTrue();
    assertThat(cm.path("singularName").asText()).isEqualTo("configmap");
    assertThat(texts(cm.path("verbs"))).containsExactlyInAnyOrder("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    assertThat(resources.get("v1/namespaces").path("namespaced").asBoolean()).isFalse();
    JsonNode scale = resources.get("apps/v1/deployments/scale");
    assertThat(scale.path("group").asText()).isEqualTo("autoscaling");
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");

    // Every resource discovery lists can be listed, in its own scope.
    for (var e : resources.entrySet()) {
      if (e.getKey().split("/").length > (e.getKey().startsWith("v1/") ? 2 : 3)) {
        continue; // a subresource
      }
      String gv = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
      String prefix = gv.equals("v1") ? "/api/v1" : "/apis/" + gv;
      Response list = api.get(prefix + "/" + e.getValue().path("name").asText() + "?limit=1");
      assertThat(list.code()).as(e.getKey()).isEqualTo(200);
      assertThat(list.json().path("kind").asText()).isEqualTo(e.getValue().path("kind").asText() + "List");
    }
  }

  @Test
  void aggregatedDiscoveryAgreesWithTheLegacyDocuments() {
    Map<String, JsonNode> legacy = legacyDiscovery();
    for (String accept : List.of(AGGREGATED_V2, AGGREGATED_V2BETA1)) {
      Map<String, JsonNode> aggregated = new TreeMap<>();
      Map<String, Set<String>> subresources = new HashMap<>();
      for (String root : List.of("/api", "/apis")) {
        Response r = api.get(root, "Accept", accept + ",application/json");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo(accept);
        JsonNode doc = r.json();
        assertThat(doc.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(doc.path("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/" + (accept.contains("v2beta1") ? "v2beta1" : "v2"));
        for (JsonNode group : doc.path("items")) {
          String g = group.path("metadata").path("name").asText("");
          assertThat(g.isEmpty()).isEqualTo(root.equals("/api"));
          for (JsonNode v : group.path("versions")) {
            String gv = g.isEmpty() ? v.path("version").asText() : g + "/" + v.path("version").asText();
            for (JsonNode res : v.path("resources")) {
              aggregated.put(gv + "/" + res.path("resource").asText(), res);
              res.path("subresources").forEach(s -> subresources.computeIfAbsent(gv + "/" + res.path("resource").asText(), k -> new TreeSet<>())
                  .add(s.path("subresource").asText()));
            }
          }
        }
      }
      for (var e : legacy.entrySet()) {
        String[] parts = e.getKey().split("/");
        boolean sub = parts.length > (e.getKey().startsWith("v1/") ? 2 : 3);
        if (sub) {
          String parent = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
          assertThat(subresources.get(parent)).as(accept + " " + e.getKey()).contains(parts[parts.length - 1]);
          continue;
        }
        JsonNode agg = aggregated.get(e.getKey());
        assertThat(agg).as(accept + " " + e.getKey()).isNotNull();
        assertThat(agg.path("responseKind").path("kind").asText()).isEqualTo(e.getValue().path("kind").asText());
        assertThat(agg.path("scope").asText()).isEqualTo(e.getValue().path("namespaced").asBoolean() ? "Namespaced" : "Cluster");
        assertThat(texts(agg.path("verbs"))).isEqualTo(texts(e.getValue().path("verbs")));
        assertThat(texts(agg.path("shortNames"))).isEqualTo(texts(e.getValue().path("shortNames")));
      }
      assertThat(aggregated.keySet()).hasSize((int) legacy.keySet().stream().filter(k -> k.split("/").length == (k.startsWith("v1/") ? 2 : 3)).count());
    }
    // Without the aggregated media type, the legacy forms.
    assertThat(api.get("/apis", "Accept", "application/json").json().path("kind").asText()).isEqualTo("APIGroupList");
  }

  @Test
  void openApiV3HasASchemaForEveryServedKindAndAdvertisesServerSideFieldValidation() {
    JsonNode index = api.get("/openapi/v3").json();
    Map<String, JsonNode> legacy = legacyDiscovery();
    Set<String> servedKinds = new TreeSet<>();
    legacy.forEach((k, v) -> {
      if (k.split("/").length == (k.startsWith("v1/") ? 2 : 3)) {
        String gv = k.substring(0, k.lastIndexOf('/'));
        servedKinds.add((gv.contains("/") ? gv : "/" + gv) + "/" + v.path("kind").asText());
      }
    });
    Set<String> kindsWithSchemas = new TreeSet<>();
    int patchPaths = 0;
    for (var entry : index.path("paths").properties()) {
      String url = entry.getValue().path("serverRelativeURL").asText();
      assertThat(url).startsWith("/openapi/v3/" + entry.getKey() + "?hash=");
      Response doc = api.get(url);
      assertThat(doc.code()).isEqualTo(200);
      assertThat(doc.headers().firstValue("Etag")).isPresent();
      JsonNode d = doc.json();
      assertThat(d.path("openapi").asText()).startsWith("3.");
      for (JsonNode schema : d.path("components").path("schemas")) {
        for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
          kindsWithSchemas.add(gvk.path("group").asText() + "/" + gvk.path("version").asText() + "/" + gvk.path("kind").asText());
        }
      }
      for (var path : d.path("paths").properties()) {
        JsonNode patch = path.getValue().path("patch");
        if (!patch.isMissingNode()) {
          patchPaths++;
          List<String> params = new ArrayList<>();
          patch.path("parameters").forEach(p -> params.add(p.path("name").asText()));
          path.getValue().path("parameters").forEach(p -> params.add(p.path("name").asText()));
          assertThat(params).as(path.getKey()).contains("fieldValidation", "dryRun", "fieldManager");
          assertThat(patch.path("requestBody").path("content").has("application/apply-patch+yaml")).isTrue();
        }
      }
    }
    assertThat(patchPaths).isGreaterThan(10);
    assertThat(kindsWithSchemas).containsAll(servedKinds);
    assertThat(api.get("/openapi/v3/apis/nope/v1").code()).isEqualTo(404);
    assertThat(api.get("/openapi/v2").code()).isEqualTo(404);
  }

  @Test
  void versionHealthAndMetrics() {
    JsonNode version = api.get("/version").json();
    assertThat(version.path("major").asText()).isEqualTo("1");
    assertThat(version.path("minor").asText()).isNotEmpty();
    assertThat(version.path("gitVersion").asText()).startsWith("v1.");
    assertThat(version.path("platform").asText()).isNotEmpty();
    for (String path : List.of("/healthz", "/livez", "/readyz")) {
      Response r = api.get(path, "Authorization", null);
      assertThat(r.code()).as(path).isEqualTo(200);
      assertThat(r.text()).isEqualTo("ok");
      assertThat(api.get(path + "?verbose", "Authorization", null).text()).contains("check passed");
    }
    api.get("/api/v1/namespaces");
    Response metrics = api.get("/metrics");
    assertThat(metrics.code()).isEqualTo(200);
    assertThat(metrics.text()).contains("apiserver_request_total");
  }

  @Test
  void requestsWithoutAValidTokenAreUnauthorized() {
    for (String token : new String[] {null, "Bearer wrong", "Basic dDp0"}) {
      Response r = token == null ? api.get("/api/v1/namespaces", "Authorization", null) : api.get("/api/v1/namespaces", "Authorization", token);
      assertThat(r.code()).as("%s", token).isEqualTo(401);
      assertThat(r.json().path("kind").asText()).isEqualTo("Status");
      assertThat(r.reason()).isEqualTo("Unauthorized");
    }
    assertThat(api.get("/apis", "Authorization", null).code()).isEqualTo(401);
    assertThat(api.get("/metrics", "Authorization", null).code()).isEqualTo(401);
  }

  @Test
  void unknownPathsAndMethodsAreStatusErrors() {
    assertThat(api.get("/api/v1/nothings").code()).isEqualTo(404);
    assertThat(api.get("/apis/nope.example.com/v1/things").code()).isEqualTo(404);
    assertThat(api.get("/nope").code()).isEqualTo(404);
    Response method = api.send("POST", "/api/v1/namespaces/default/configmaps/x", "application/json", configMap("x"));
    assertThat(method.code()).isEqualTo(405);
    assertThat(method.json().path("reason").asText()).isEqualTo("MethodNotAllowed");
  }

  @Test
  void beyondMaxInFlightRequestsGet429WithRetryAfterButWatchesAndHealthDoNot() throws Exception {
    try (TestApiServer small = TestApiServer.start(b -> b.maxInFlight(2))) {
      String ns = small.newNamespace();
      String cms = "/api/v1/namespaces/" + ns + "/configmaps";
      // Long-running watches never take a slot.
      List<WatchConnection> watches = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        watches.add(small.watch(cms + "?watch=true"));
      }
      assertThat(small.get(cms).code()).isEqualTo(200);
      // Two slow requests (a list waiting for a revision that never comes) fill both slots.
      String future = Long.toString(small.store().currentRevision() + 1_000);
      List<CompletableFuture<Response>> slow = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        slow.add(CompletableFuture.supplyAsync(() -> small.get(cms + "?resourceVersion=" + future)));
      }
      Response refused = null;
      for (int attempt = 0; attempt < 200 && refused == null; attempt++) {
        Response r = small.get(cms);
        if (r.code() == 429) {
          refused = r;
        } else {
          Thread.sleep(10);
        }
      }
      assertThat(refused).as("a request beyond max-in-flight").isNotNull();
      assertThat(refused.reason()).isEqualTo("TooManyRequests");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.json().path("details").path("retryAfterSeconds").asInt()).isEqualTo(1);
      assertThat(small.get("/healthz", "Authorization", null).code()).isEqualTo(200);
      for (CompletableFuture<Response> f : slow) {
        assertThat(f.get().code()).isEqualTo(504);
      }
      assertThat(small.get(cms).code()).as("slots are released").isEqualTo(200);
      watches.forEach(WatchConnection::close);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    out.sort(String::compareTo);
    return out;
  }
}
