package io.tidewater.apiserver.rest;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.testing.LaggingWatchStore;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import io.tidewater.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes while the watch cache lags the store: updates may start from the cache, but every answer
 * (conflict, no change, merge result) must be the one the store's state gives.
 */
class StaleCacheWritesTest {
  private static final String MERGE = "application/merge-patch+json";
  private TestApiServer api;
  private String cms;

  @BeforeEach
  void start() {
    // Every configmap event reaches the caches 150 ms late (and they queue up).
    api = TestApiServer.start(new LaggingWatchStore(EmbeddedStore.inMemory(), key -> key.contains("/configmaps/") ? 150 : 0), b -> {});
    cms = "/api/v1/namespaces/" + api.newNamespace() + "/configmaps";
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aPutWithTheStoresResourceVersionSucceedsWhileTheCacheIsBehind() {
    api.post(cms, configMap("a"));
    ObjectNode body = (ObjectNode) api.get(cms + "/a").json(); // a consistent read: the cache has "a" now
    body.withObject("/data").put("k", "1");
    Response first = api.put(cms + "/a", body);
    assertThat(first.code()).as("%s", first).isEqualTo(200);
    ObjectNode next = (ObjectNode) first.json();
    next.withObject("/data").put("k", "2");
    Response second = api.put(cms + "/a", next);
    assertThat(second.code()).as("%s", second).isEqualTo(200);
    // And a genuinely stale one still conflicts.
    assertThat(api.put(cms + "/a", body).code()).isEqualTo(409);
    assertThat(api.get(cms + "/a").json().path("data").path("k").asText()).isEqualTo("2");
  }

  @Test
  void quickSuccessivePatchesAreAllKept() {
    api.post(cms, configMap("a"));
    api.get(cms + "/a");
    for (int i = 0; i < 5; i++) {
      Response r = api.patch(cms + "/a", MERGE, "{\"data\":{\"k" + i + "\":\"v\"}}");
      assertThat(r.code()).isEqualTo(200);
      for (int j = 0; j <= i; j++) {
        assertThat(r.json().path("data").has("k" + j)).as("patch %d keeps k%d: %s", i, j, r).isTrue();
      }
    }
    JsonNode last = api.get(cms + "/a").json();
    assertThat(last.path("data").size()).isEqualTo(6);
  }

  @Test
  void aRepeatedPatchRightAfterAChangeIsANoOpOnTheStoresState() {
    api.post(cms, configMap("a"));
    api.get(cms + "/a");
    Response changed = api.patch(cms + "/a", MERGE, "{\"data\":{\"k\":\"new\"}}");
    Response again = api.patch(cms + "/a", MERGE, "{\"data\":{\"k\":\"new\"}}");
    assertThat(again.code()).isEqualTo(200);
    assertThat(again.rv()).as("no second write").isEqualTo(changed.rv());
    assertThat(again.json().path("data").path("k").asText()).isEqualTo("new");
  }

  @Test
  void changingAValueBackIsAWriteEvenWhenTheCacheStillHasTheOldValue() {
    api.post(cms, configMap("a", java.util.Map.of(), java.util.Map.of("k", "A")));
    api.get(cms + "/a");
    Response toB = api.patch(cms + "/a", MERGE, "{\"data\":{\"k\":\"B\"}}");
    Response backToA = api.patch(cms + "/a", MERGE, "{\"data\":{\"k\":\"A\"}}");
    assertThat(backToA.code()).isEqualTo(200);
    assertThat(Long.parseLong(backToA.rv())).isGreaterThan(Long.parseLong(toB.rv()));
    assertThat(api.get(cms + "/a").json().path("data").path("k").asText()).isEqualTo("A");
  }

  @Test
  void applyConflictsAreDecidedOnTheStoresOwnership() {
    api.post(cms, configMap("a"));
    api.get(cms + "/a");
    String apply = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  owned: \"%s\"\n";
    assertThat(api.patch(cms + "/a?fieldManager=alice", "application/apply-patch+yaml", apply.formatted("alice")).code()).isEqualTo(200);
    Response bob = api.patch(cms + "/a?fieldManager=bob", "application/apply-patch+yaml", apply.formatted("bob"));
    assertThat(bob.code()).as("%s", bob).isEqualTo(409);
    assertThat(api.get(cms + "/a").json().path("data").path("owned").asText()).isEqualTo("alice");
  }

  @Test
  void updatingAnObjectTheCacheHasNotSeenYetWorks() {
    api.post(cms, configMap("fresh"));
    Response r = api.patch(cms + "/fresh", MERGE, "{\"data\":{\"k\":\"patched\"}}");
    assertThat(r.code()).as("%s", r).isEqualTo(200);
    assertThat(api.delete(cms + "/fresh").code()).isEqualTo(200);
  }
}
