package io.tidewater.apiserver.lifecycle;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static io.tidewater.apiserver.testing.TestApiServer.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Namespace lifecycle: admission into missing and terminating namespaces, emptying, removal, default ServiceAccount. */
class NamespaceLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static TestApiServer api;

  @BeforeAll
  static void start() {
    api = TestApiServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    Response r = api.post("/api/v1/namespaces/nowhere/configmaps", configMap("a"));
    assertThat(r.code()).isEqualTo(404);
    assertThat(r.reason()).isEqualTo("NotFound");
    assertThat(r.json().path("details").path("kind").asText()).isEqualTo("namespaces");
    assertThat(r.json().path("details").path("name").asText()).isEqualTo("nowhere");
    assertThat(api.get("/api/v1/namespaces/nowhere/configmaps/a").code()).isEqualTo(404);
  }

  @Test
  void newNamespacesGetADefaultServiceAccount() {
    String ns = api.newNamespace();
    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/v1/namespaces/" + ns + "/serviceaccounts/default").code()).isEqualTo(200));
    // And get it back if it is deleted.
    assertThat(api.delete("/api/v1/namespaces/" + ns + "/serviceaccounts/default").code()).isEqualTo(200);
    api.patch("/api/v1/namespaces/" + ns, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"touch\":\"1\"}}}");
    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/v1/namespaces/" + ns + "/serviceaccounts/default").code()).isEqualTo(200));
  }

  @Test
  void aDeletedNamespaceRefusesNewContentEmptiesItselfAndDisappears() {
    String ns = api.newNamespace();
    String cms = "/api/v1/namespaces/" + ns + "/configmaps";
    for (int i = 0; i < 5; i++) {
      assertThat(api.post(cms, configMap("cm-" + i)).code()).isEqualTo(201);
    }
    assertThat(api.post("/apis/apps/v1/namespaces/" + ns + "/deployments", deployment("web", 1)).code()).isEqualTo(201);
    ObjectNode held = configMap("held");
    ((ObjectNode) held.get("metadata")).putArray("finalizers").add("example.com/hold");
    assertThat(api.post(cms, held).code()).isEqualTo(201);

    Response del = api.delete("/api/v1/namespaces/" + ns);
    assertThat(del.code()).isIn(200, 202);
    JsonNode terminating = api.get("/api/v1/namespaces/" + ns).json();
    assertThat(terminating.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(terminating.path("status").path("phase").asText()).isEqualTo("Terminating");

    Response refused = api.post(cms, configMap("late"));
    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.reason()).isEqualTo("Forbidden");
    assertThat(refused.json().path("message").asText()).contains("because it is being terminated");
    assertThat(refused.json().path("details").path("causes").get(0).path("reason").asText()).isEqualTo("NamespaceTerminating");

    // Everything but the held object goes; the namespace waits for it.
    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(cms).names()).containsExactly("held"));
    assertThat(api.get("/apis/apps/v1/namespaces/" + ns + "/deployments").names()).isEmpty();
    assertThat(api.get("/api/v1/namespaces/" + ns + "/serviceaccounts").names()).isEmpty();
    assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(200);
    // Updates are still allowed in a terminating namespace.
    Response release = api.patch(cms + "/held", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
    assertThat(release.code()).isEqualTo(200);

    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(404));
    assertThat(api.get("/api/v1/namespaces").names()).doesNotContain(ns);
    Response afterwards = api.post(cms, configMap("again"));
    assertThat(afterwards.code()).isEqualTo(404);
  }

  @Test
  void aNamespaceCanBeRecreatedAfterItIsGone() {
    String ns = api.newNamespace();
    api.post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a"));
    api.delete("/api/v1/namespaces/" + ns);
    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(404));
    assertThat(api.post("/api/v1/namespaces", TestApiServer.namespace(ns)).code()).isEqualTo(201);
    assertThat(api.get("/api/v1/namespaces/" + ns + "/configmaps").names()).isEmpty();
    assertThat(api.post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a")).code()).isEqualTo(201);
  }

  @Test
  void theSystemNamespacesCannotBeDeleted() {
    for (String ns : java.util.List.of("default", "kube-system", "kube-public")) {
      Response r = api.delete("/api/v1/namespaces/" + ns);
      assertThat(r.code()).as(ns).isEqualTo(403);
      assertThat(r.json().path("message").asText()).contains("this namespace may not be deleted");
      JsonNode still = api.get("/api/v1/namespaces/" + ns).json();
      assertThat(still.path("metadata").has("deletionTimestamp")).isFalse();
    }
    assertThat(api.get("/api/v1/namespaces/kube-node-lease").code()).isEqualTo(200);
  }

  @Test
  void clusterScopedKindsIgnoreNamespaces() {
    assertThat(api.get("/api/v1/namespaces/default/namespaces").code()).isEqualTo(404);
  }
}
