package io.tidewater.apiserver.lifecycle;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static io.tidewater.apiserver.testing.TestApiServer.deployment;
import static io.tidewater.apiserver.testing.TestApiServer.ownerReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.testing.LaggingWatchStore;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import io.tidewater.store.embedded.EmbeddedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection over ownerReferences with Kubernetes' three propagation policies, and the
 * rule that a dependent is only collected when its owner is really gone.
 */
class GarbageCollectorTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static TestApiServer api;
  private String ns;

  @BeforeAll
  static void start() {
    api = TestApiServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void namespace() {
    ns = api.newNamespace();
  }

  private String cms() {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  private String deploys() {
    return "/apis/apps/v1/namespaces/" + ns + "/deployments";
  }

  private JsonNode owner() {
    Response r = api.post(deploys(), deployment("owner", 1));
    assertThat(r.code()).as("%s", r).isEqualTo(201);
    return r.json();
  }

  private List<String> dependents(JsonNode owner, int n, boolean block) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode cm = configMap("dep-" + i);
      ((ObjectNode) cm.get("metadata")).putArray("ownerReferences").add(ownerReference(owner, block));
      assertThat(api.post(cms(), cm).code()).isEqualTo(201);
      names.add("dep-" + i);
    }
    return names;
  }

  private int code(String path) {
    return api.get(path).code();
  }

  private Response deleteWith(String path, String policy) {
    Response r = api.delete(path, Map.of("kind", "DeleteOptions", "apiVersion", "v1", "propagationPolicy", policy));
    assertThat(r.code()).as("%s", r).isIn(200, 202);
    return r;
  }

  @Test
  void backgroundDeletesTheOwnerAtOnceAndTheDependentsAfterwards() {
    JsonNode owner = owner();
    List<String> deps = dependents(owner, 3, false);
    deleteWith(deploys() + "/owner", "Background");
    assertThat(code(deploys() + "/owner")).isEqualTo(404);
    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(cms()).names()).isEmpty());
    assertThat(deps).hasSize(3);
  }

  @Test
  void theDefaultPolicyIsBackground() {
    JsonNode owner = owner();
    dependents(owner, 2, false);
    assertThat(api.delete(deploys() + "/owner").code()).isEqualTo(200);
    assertThat(code(deploys() + "/owner")).isEqualTo(404);
    await().atMost(WAIT).untilAsserted(() -> assertThat(api.get(cms()).names()).isEmpty());
  }

  @Test
  void foregroundKeepsTheOwnerUntilItsDependentsAreGone() {
    JsonNode owner = owner();
    dependents(owner, 2, true);
    // One dependent is held by its own finalizer: the owner must wait for it.
    api.patch(cms() + "/dep-0", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
    Response del = deleteWith(deploys() + "/owner", "Foreground");
    assertThat(del.json().path("metadata").path("finalizers").toString()).contains("foregroundDeletion");

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(code(cms() + "/dep-1")).isEqualTo(404);
      assertThat(api.get(cms() + "/dep-0").json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    });
    JsonNode waiting = api.get(deploys() + "/owner").json();
    assertThat(waiting.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(waiting.path("metadata").path("finalizers").toString()).contains("foregroundDeletion");

    api.patch(cms() + "/dep-0", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(code(cms() + "/dep-0")).isEqualTo(404);
      assertThat(code(deploys() + "/owner")).isEqualTo(404);
    });
  }

  @Test
  void foregroundWaitsOnlyForDependentsThatBlockOwnerDeletion() {
    JsonNode owner = owner();
    dependents(owner, 2, false);
    api.patch(cms() + "/dep-0", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
    deleteWith(deploys() + "/owner", "Foreground");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(code(deploys() + "/owner")).isEqualTo(404);
      assertThat(code(cms() + "/dep-1")).isEqualTo(404);
    });
    JsonNode held = api.get(cms() + "/dep-0").json();
    assertThat(held.path("metadata").path("deletionTimestamp").asText()).as("deleted, but held by its finalizer").isNotEmpty();
    api.patch(cms() + "/dep-0", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
    await().atMost(WAIT).untilAsserted(() -> assertThat(code(cms() + "/dep-0")).isEqualTo(404));
  }

  @Test
  void orphanKeepsTheDependentsAndRemovesTheirOwnerReference() {
    JsonNode owner = owner();
    List<String> deps = dependents(owner, 3, false);
    // A second owner stays: only the deleted owner's reference goes.
    Response other = api.post(cms(), configMap("other-owner"));
    api.patch(cms() + "/dep-0", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/metadata/ownerReferences/-\",\"value\":" + Json.string(ownerReference(other.json(), false)) + "}]");
    deleteWith(deploys() + "/owner", "Orphan");
    await().atMost(WAIT).untilAsserted(() -> assertThat(code(deploys() + "/owner")).isEqualTo(404));
    await().atMost(WAIT).untilAsserted(() -> {
      for (String d : deps) {
        JsonNode dep = api.get(cms() + "/" + d).json();
        assertThat(dep.path("metadata").path("ownerReferences").toString()).doesNotContain(owner.path("metadata").path("uid").asText());
      }
    });
    assertThat(api.get(cms() + "/dep-0").json().path("metadata").path("ownerReferences")).hasSize(1);
    assertThat(api.get(cms()).names()).containsAll(deps);
    await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertThat(api.get(cms()).names()).containsAll(deps));
  }

  @Test
  void aDependentOfAnOwnerWithAnotherUidIsCollected() {
    owner();
    ObjectNode cm = configMap("dangling");
    ObjectNode ref = ownerReference(api.get(deploys() + "/owner").json(), false);
    ref.put("uid", UUID.randomUUID().toString());
    ((ObjectNode) cm.get("metadata")).putArray("ownerReferences").add(ref);
    assertThat(api.post(cms(), cm).code()).isEqualTo(201);
    await().atMost(WAIT).untilAsserted(() -> assertThat(code(cms() + "/dangling")).isEqualTo(404));
    assertThat(code(deploys() + "/owner")).isEqualTo(200);
  }

  @Test
  void aDependentWhoseOwnerTheCacheHasNotSeenYetIsKept() throws Exception {
    // The dependent's event reaches the caches 0.5 s late, its owner's 2 s late: when the
    // collector looks at the dependent, the owner is in the store but not yet in the cache.
    try (TestApiServer lagging = TestApiServer.start(
        new LaggingWatchStore(EmbeddedStore.inMemory(), key -> key.endsWith("/lag-dep") ? 500 : key.endsWith("/lag-owner") ? 2_000 : 0),
        b -> {})) {
      String lns = lagging.newNamespace();
      String uid = UUID.randomUUID().toString();
      ObjectNode ownerRef = Json.object().put("apiVersion", "v1").put("kind", "Secret").put("name", "lag-owner").put("uid", uid);
      ObjectNode dep = configMap("lag-dep");
      ((ObjectNode) dep.get("metadata")).putArray("ownerReferences").add(ownerRef);
      assertThat(lagging.post("/api/v1/namespaces/" + lns + "/configmaps", dep).code()).isEqualTo(201);
      // The owner, with the uid the dependent names, written straight to the store.
      ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret").put("type", "Opaque");
      secret.putObject("metadata").put("name", "lag-owner").put("namespace", lns).put("uid", uid).put("creationTimestamp", "2025-01-01T00:00:00Z");
      lagging.store().create("/registry/core/secrets/" + lns + "/lag-owner", Json.bytes(secret));

      await().atMost(WAIT).untilAsserted(() -> assertThat(lagging.get("/api/v1/namespaces/" + lns + "/secrets/lag-owner").code()).isEqualTo(200));
      await().during(Duration.ofMillis(1_000)).atMost(WAIT)
          .untilAsserted(() -> assertThat(lagging.get("/api/v1/namespaces/" + lns + "/configmaps/lag-dep").code()).isEqualTo(200));

      // And once the owner really goes, the dependent follows.
      assertThat(lagging.delete("/api/v1/namespaces/" + lns + "/secrets/lag-owner").code()).isEqualTo(200);
      await().atMost(WAIT)
          .untilAsserted(() -> assertThat(lagging.get("/api/v1/namespaces/" + lns + "/configmaps/lag-dep").code()).isEqualTo(404));
    }
  }

  @Test
  void ownersAcrossKindsAndChainsAreCollected() {
    JsonNode owner = owner();
    ObjectNode middle = configMap("middle");
    ((ObjectNode) middle.get("metadata")).putArray("ownerReferences").add(ownerReference(owner, true));
    JsonNode mid = api.post(cms(), middle).json();
    ObjectNode leaf = configMap("leaf");
    ((ObjectNode) leaf.get("metadata")).putArray("ownerReferences").add(ownerReference(mid, true));
    assertThat(api.post(cms(), leaf).code()).isEqualTo(201);
    deleteWith(deploys() + "/owner", "Foreground");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(code(cms() + "/leaf")).isEqualTo(404);
      assertThat(code(cms() + "/middle")).isEqualTo(404);
      assertThat(code(deploys() + "/owner")).isEqualTo(404);
    });
  }
}
