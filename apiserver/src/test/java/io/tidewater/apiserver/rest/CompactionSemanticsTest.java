package io.tidewater.apiserver.rest;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.apiserver.admin.CompactionRoute;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import io.tidewater.apiserver.testing.TestApiServer.WatchConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What clients see of history that is gone: 410 Expired for exact lists, continue tokens and
 * watches that reach before a compaction or beyond the watch cache's history.
 */
class CompactionSemanticsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private TestApiServer api;
  private String ns;

  /** The server under test, with a short watch history; subclasses run the same tests on other stores. */
  TestApiServer startServer() {
    return TestApiServer.start(b -> b.watchHistory(20));
  }

  @BeforeEach
  void start() {
    api = startServer();
    ns = api.newNamespace();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private String cms() {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  private String create(String name) {
    Response r = api.post(cms(), configMap(name));
    assertThat(r.code()).as("%s", r).isEqualTo(201);
    return r.rv();
  }

  private void compact(boolean terminateWatches) {
    Response r = api.post(CompactionRoute.PATH + (terminateWatches ? "?terminateWatches=true" : ""), "");
    assertThat(r.code()).as("%s", r).isEqualTo(200);
  }

  private static void assertExpired(Response r) {
    assertThat(r.code()).as("%s", r).isEqualTo(410);
    assertThat(r.json().path("kind").asText()).isEqualTo("Status");
    assertThat(r.reason()).isEqualTo("Expired");
  }

  @Test
  void anExactListAtACompactedRevisionIsGone() {
    String old = create("a");
    create("b");
    compact(false);
    assertExpired(api.get(cms() + "?resourceVersion=" + old + "&resourceVersionMatch=Exact"));
    assertExpired(api.get(cms() + "?resourceVersion=" + old + "&limit=1"));
    // Not-older-than reads are still served, from newer data.
    Response r = api.get(cms() + "?resourceVersion=" + old);
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.names()).containsExactly("a", "b");
  }

  @Test
  void aContinueTokenFromBeforeACompactionIsExpired() {
    for (int i = 0; i < 5; i++) {
      create("cm-" + i);
    }
    Response first = api.get(cms() + "?limit=2");
    create("later");
    compact(false);
    Response next = api.get(cms() + "?limit=2&continue="
        + URLEncoder.encode(first.json().path("metadata").path("continue").asText(), StandardCharsets.UTF_8));
    assertExpired(next);
    assertThat(next.json().path("message").asText()).contains("continue");
  }

  @Test
  void aWatchFromACompactedRevisionIsGoneAndTheLatestOneIsFine() {
    String old = create("a");
    create("b");
    compact(false);
    assertGoneWatch(api.watch(cms() + "?watch=true&resourceVersion=" + old));
    String now = api.get(cms()).rv();
    try (WatchConnection w = api.watch(cms() + "?watch=true&resourceVersion=" + now)) {
      create("c");
      assertThat(w.next(WAIT).path("type").asText()).isEqualTo("ADDED");
    }
  }

  @Test
  void aWatchFromBeforeTheWatchCacheHistoryIsGone() {
    String old = create("first");
    for (int i = 0; i < 30; i++) {
      create("cm-" + i);
    }
    api.get(cms()); // a consistent read: the watch cache has seen every create (and dropped the oldest)
    assertGoneWatch(api.watch(cms() + "?watch=true&resourceVersion=" + old));
  }

  @Test
  void compactionWithTerminateEndsRunningWatchesWith410() {
    String now = create("a");
    try (WatchConnection w = api.watch(cms() + "?watch=true&resourceVersion=" + now)) {
      create("b");
      assertThat(w.next(WAIT).path("type").asText()).isEqualTo("ADDED");
      compact(true);
      JsonNode error = w.next(WAIT);
      assertThat(error.path("type").asText()).isEqualTo("ERROR");
      assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
      assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
      assertThat(w.awaitEnd(WAIT)).isTrue();
    }
  }

  /** Kubernetes answers an expired watch either with 410 or with 200 and one ERROR event of 410. */
  private static void assertGoneWatch(WatchConnection w) {
    try (w) {
      if (w.code() == 410) {
        JsonNode status = w.next(WAIT);
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Expired");
        return;
      }
      assertThat(w.code()).isEqualTo(200);
      JsonNode e = w.next(WAIT);
      assertThat(e).isNotNull();
      assertThat(e.path("type").asText()).isEqualTo("ERROR");
      assertThat(e.path("object").path("code").asInt()).isEqualTo(410);
      assertThat(e.path("object").path("reason").asText()).isEqualTo("Expired");
      assertThat(w.awaitEnd(WAIT)).isTrue();
    }
  }
}
