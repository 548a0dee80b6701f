package io.tidewater.apiserver.rest;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.WatchConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Periodic BOOKMARKs (with a short period): they advance with the store and never go back. */
class WatchBookmarksTest {

  @Test
  void quietWatchesGetBookmarksThatAdvanceWithWritesElsewhereAndNeverPrecedeTheirEvents() throws Exception {
    try (TestApiServer api = TestApiServer.start(b -> b.watchBookmarkPeriod(Duration.ofMillis(150)))) {
      String ns = api.newNamespace();
      String other = api.newNamespace();
      String from = api.get("/api/v1/namespaces/" + ns + "/configmaps").rv();
      AtomicBoolean stop = new AtomicBoolean();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        for (int i = 0; !stop.get() && i < 10_000; i++) {
          api.post("/api/v1/namespaces/" + other + "/configmaps", configMap("cm-" + i));
          if (i % 10 == 0) {
            api.post("/api/v1/namespaces/" + ns + "/configmaps", configMap("mine-" + i));
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      List<JsonNode> events = new ArrayList<>();
      try (WatchConnection w = api.watch("/api/v1/namespaces/" + ns + "/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=" + from)) {
        long bookmarks = 0;
        while (bookmarks < 5) {
          JsonNode e = w.next(Duration.ofSeconds(10));
          assertThat(e).as("events so far: %s", events).isNotNull();
          events.add(e);
          if (e.path("type").asText().equals("BOOKMARK")) {
            bookmarks++;
          }
        }
      } finally {
        stop.set(true);
        writer.get();
      }
      long last = Long.parseLong(from);
      List<Long> bookmarkRevisions = new ArrayList<>();
      for (JsonNode e : events) {
        long rv = Long.parseLong(e.path("object").path("metadata").path("resourceVersion").asText());
        if (e.path("type").asText().equals("BOOKMARK")) {
          assertThat(rv).as("a bookmark never goes back").isGreaterThanOrEqualTo(last);
          assertThat(e.path("object").path("kind").asText()).isEqualTo("ConfigMap");
          bookmarkRevisions.add(rv);
        } else {
          assertThat(rv).as("an event after a bookmark is newer than it").isGreaterThan(last);
        }
        last = rv;
      }
      assertThat(bookmarkRevisions.getLast()).as("bookmarks advance with writes in other namespaces").isGreaterThan(bookmarkRevisions.getFirst());
    }
  }
}
