package io.tidewater.apiserver.rest;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import io.tidewater.apiserver.testing.TestApiServer.WatchConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * WATCH semantics against Kubernetes' "API concepts" page: initial state for "" and "0", exact
 * replay from N under concurrent writers and many watchers, selector transitions, timeouts,
 * bookmarks, streaming lists (sendInitialEvents) and Table watches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchSemanticsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(300);
  TestApiServer api;
  private String ns;

  /** The server under test; subclasses run the same tests on other stores. */
  TestApiServer startServer() {
    return TestApiServer.start();
  }

  @BeforeAll
  void start() {
    api = startServer();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @BeforeEach
  void namespace() {
    ns = api.newNamespace();
  }

  private String cms() {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  private String create(String name, Map<String, String> labels) {
    Response r = api.post(cms(), configMap(name, labels, Map.of("v", "0")));
    assertThat(r.code()).as("%s", r).isEqualTo(201);
    return r.rv();
  }

  private String update(String name, String value) {
    Response r = api.patch(cms() + "/" + name, "application/merge-patch+json", "{\"data\":{\"v\":\"" + value + "\"}}");
    assertThat(r.code()).as("%s", r).isEqualTo(200);
    return r.rv();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String describe(JsonNode event) {
    return event.path("type").asText() + " " + event.path("object").path("metadata").path("name").asText();
  }

  private static long rv(JsonNode event) {
    return Long.parseLong(event.path("object").path("metadata").path("resourceVersion").asText());
  }

  @Test
  void unsetAndZeroStartWithTheCurrentStateAsAdded() {
    create("a", Map.of());
    create("b", Map.of());
    for (String query : List.of("?watch=true", "?watch=1&resourceVersion=0", "?watch=true&resourceVersion=")) {
      try (WatchConnection w = api.watch(cms() + query)) {
        assertThat(w.code()).isEqualTo(200);
        assertThat(w.take(2, WAIT)).extracting(WatchSemanticsTest::describe).containsExactlyInAnyOrder("ADDED a", "ADDED b");
        assertThat(w.next(QUIET)).as(query).isNull();
      }
    }
    try (WatchConnection w = api.watch(cms() + "?watch=true")) {
      w.take(2, WAIT);
      create("c", Map.of());
      update("c", "1");
      api.delete(cms() + "/c");
      List<JsonNode> live = w.take(3, WAIT);
      assertThat(live).extracting(WatchSemanticsTest::describe).containsExactly("ADDED c", "MODIFIED c", "DELETED c");
      assertThat(live.get(1).path("object").path("data").path("v").asText()).isEqualTo("1");
      assertThat(rv(live.get(0))).isLessThan(rv(live.get(1)));
      assertThat(rv(live.get(1))).isLessThan(rv(live.get(2)));
    }
  }

  @Test
  void fromARevisionEveryLaterChangeIsReplayedInOrderAndNothingBefore() {
    create("before", Map.of());
    String from = create("a", Map.of());
    String rvB = create("b", Map.of());
    String rvA1 = update("a", "1");
    api.delete(cms() + "/b");
    try (WatchConnection w = api.watch(cms() + "?watch=true&resourceVersion=" + from)) {
      List<JsonNode> events = w.take(3, WAIT);
      assertThat(events).extracting(WatchSemanticsTest::describe).containsExactly("ADDED b", "MODIFIED a", "DELETED b");
      assertThat(rv(events.get(0))).isEqualTo(Long.parseLong(rvB));
      assertThat(rv(events.get(1))).isEqualTo(Long.parseLong(rvA1));
      assertThat(rv(events.get(2))).isGreaterThan(Long.parseLong(rvA1));
      assertThat(w.next(QUIET)).isNull();
    }
  }

  @Test
  void concurrentWritersAndManyWatchersSeeEveryChangeExactlyOnceInOrder() throws Exception {
    String start = api.get(cms()).rv();
    List<WatchConnection> watchers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      watchers.add(api.watch(cms() + "?watch=true&resourceVersion=" + start));
    }
    AtomicInteger written = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    List<String> midway = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      done.add(CompletableFuture.runAsync(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < 60; i++) {
          String name = "w" + thread + "-" + rnd.nextInt(8);
          Response r = switch (rnd.nextInt(3)) {
            case 0 -> api.post(cms(), configMap(name, Map.of(), Map.of("v", "0")));
            case 1 -> api.patch(cms() + "/" + name, "application/merge-patch+json", "{\"data\":{\"v\":\"" + i + "\"}}");
            default -> api.delete(cms() + "/" + name);
          };
          if (r.code() < 300) {
            written.incrementAndGet();
          } else if (r.code() != 404 && r.code() != 409) {
            failed.set(true);
          }
          if (thread == 0 && i == 30) {
            midway.add(api.get(cms()).rv());
          }
        }
      }, writers));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
    writers.shutdown();
    assertThat(failed).isFalse();
    watchers.add(api.watch(cms() + "?watch=true&resourceVersion=" + midway.get(0)));

    Response finalList = api.get(cms());
    Map<String, String> expected = new TreeMap<>();
    finalList.json().path("items").forEach(i -> expected.put(i.path("metadata").path("name").asText(), i.path("data").path("v").asText()));

    List<JsonNode> full = watchers.get(0).take(written.get(), WAIT);
    assertThat(watchers.get(0).next(QUIET)).as("nothing beyond the writes").isNull();
    // Replaying the stream reproduces the final state, and revisions strictly increase.
    Map<String, String> replayed = new TreeMap<>();
    long last = Long.parseLong(start);
    for (JsonNode e : full) {
      assertThat(rv(e)).isGreaterThan(last);
      last = rv(e);
      String name = e.path("object").path("metadata").path("name").asText();
      switch (e.path("type").asText()) {
        case "ADDED" -> assertThat(replayed.put(name, e.path("object").path("data").path("v").asText())).isNull();
        case "MODIFIED" -> assertThat(replayed.put(name, e.path("object").path("data").path("v").asText())).isNotNull();
        case "DELETED" -> assertThat(replayed.remove(name)).isNotNull();
        default -> throw new AssertionError("unexpected event " + e);
      }
    }
    assertThat(replayed).isEqualTo(expected);
    List<Long> fullRevisions = full.stream().map(WatchSemanticsTest::rv).toList();
    for (WatchConnection w : watchers.subList(1, 12)) {
      List<JsonNode> events = w.take(written.get(), WAIT);
      assertThat(events.stream().map(WatchSemanticsTest::rv).toList()).isEqualTo(fullRevisions);
      assertThat(events).extracting(WatchSemanticsTest::describe).isEqualTo(full.stream().map(WatchSemanticsTest::describe).toList());
    }
    long mid = Long.parseLong(midway.get(0));
    List<Long> suffix = fullRevisions.stream().filter(r -> r > mid).toList();
    WatchConnection late = watchers.get(12);
    assertThat(late.take(suffix.size(), WAIT).stream().map(WatchSemanticsTest::rv).toList()).isEqualTo(suffix);
    assertThat(late.next(QUIET)).isNull();
    watchers.forEach(WatchConnection::close);
  }

  @Test
  void objectsLeavingALabelSelectorAreDeletedAndReturningOnesAdded() {
    create("other", Map.of("app", "db"));
    try (WatchConnection w = api.watch(cms() + "?watch=true&labelSelector=app%3Dweb")) {
      create("a", Map.of("app", "web"));
      update("a", "1");
      api.patch(cms() + "/a", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}");
      update("a", "2");
      api.patch(cms() + "/a", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
      update("other", "1");
      api.delete(cms() + "/a");
      List<JsonNode> events = w.take(5, WAIT);
      assertThat(events).extracting(WatchSemanticsTest::describe)
          .containsExactly("ADDED a", "MODIFIED a", "DELETED a", "ADDED a", "DELETED a");
      assertThat(events.get(2).path("object").path("metadata").path("labels").path("app").asText())
          .as("the DELETED event carries the object as it left the selector")
          .isEqualTo("db");
      assertThat(events.get(3).path("object").path("data").path("v").asText()).isEqualTo("2");
      assertThat(w.next(QUIET)).isNull();
    }
  }

  @Test
  void aWatchOnOneObjectSeesOnlyIt() {
    create("a", Map.of());
    create("b", Map.of());
    try (WatchConnection byField = api.watch(cms() + "?watch=true&fieldSelector=metadata.name%3Da");
        WatchConnection legacy = api.watch("/api/v1/watch/namespaces/" + ns + "/configmaps/a")) {
      update("b", "1");
      update("a", "1");
      for (WatchConnection w : List.of(byField, legacy)) {
        assertThat(w.take(2, WAIT)).extracting(WatchSemanticsTest::describe).containsExactly("ADDED a", "MODIFIED a");
        assertThat(w.next(QUIET)).isNull();
      }
    }
  }

  @Test
  void timeoutSecondsEndsTheStream() {
    try (WatchConnection w = api.watch(cms() + "?watch=true&timeoutSeconds=1")) {
      assertThat(w.awaitEnd(WAIT)).isTrue();
    }
  }

  @Test
  void bookmarksCarryAdvancingResourceVersionsAndNeverOvertakeEvents() {
    String start = create("a", Map.of());
    // Before the watch times out, Kubernetes sends one last BOOKMARK (2 s before the deadline).
    try (WatchConnection w = api.watch(cms() + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion=" + start)) {
      String rvB = create("b", Map.of());
      JsonNode added = w.next(WAIT);
      assertThat(describe(added)).isEqualTo("ADDED b");
      // Writes elsewhere advance the revision a bookmark reports.
      String elsewhere = api.post("/api/v1/namespaces/default/configmaps", configMap(ns + "-elsewhere")).rv();
      JsonNode bookmark = w.next(WAIT);
      assertThat(bookmark).as("a bookmark before the timeout").isNotNull();
      assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(bookmark.path("object").path("kind").asText()).isEqualTo("ConfigMap");
      assertThat(bookmark.path("object").path("apiVersion").asText()).isEqualTo("v1");
      long bookmarkRv = rv(bookmark);
      assertThat(bookmarkRv).isGreaterThanOrEqualTo(Long.parseLong(rvB)).isGreaterThanOrEqualTo(Long.parseLong(elsewhere));
      assertThat(w.awaitEnd(WAIT)).isTrue();
    }
    // Without allowWatchBookmarks there are none.
    try (WatchConnection w = api.watch(cms() + "?watch=true&timeoutSeconds=3&resourceVersion=" + api.get(cms()).rv())) {
      assertThat(w.next(Duration.ofSeconds(5))).isNull();
      assertThat(w.isEnded()).isTrue();
    }
  }

  @Test
  void sendInitialEventsEndsTheInitialStateWithABookmarkThatNoLaterEventPrecedes() throws Exception {
    // A large initial state takes a while to send: time for live writes to land meanwhile.
    String big = "x".repeat(2_000);
    for (int i = 0; i < 300; i++) {
      assertThat(api.post(cms(), configMap("init-" + i, Map.of(), Map.of("big", big))).code()).isEqualTo(201);
    }
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      int i = 0;
      while (!stop.get()) {
        api.post(cms(), configMap("live-" + i++));
      }
    });
    try {
      for (int round = 0; round < 15; round++) {
        try (WatchConnection w =
            api.watch(cms() + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")) {
          List<JsonNode> initial = new ArrayList<>();
          JsonNode e;
          while ((e = w.next(WAIT)) != null && !e.path("type").asText().equals("BOOKMARK")) {
            assertThat(e.path("type").asText()).isEqualTo("ADDED");
            initial.add(e);
          }
          assertThat(e).as("the initial-events-end bookmark").isNotNull();
          assertThat(e.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText()).isEqualTo("true");
          long end = rv(e);
          assertThat(initial.size()).isGreaterThanOrEqualTo(300);
          for (JsonNode i : initial) {
            assertThat(rv(i)).isLessThanOrEqualTo(end);
          }
          JsonNode after = w.nextNonBookmark(WAIT);
          assertThat(after).isNotNull();
          assertThat(rv(after)).as("live events follow the bookmark's revision").isGreaterThan(end);
        }
      }
    } finally {
      stop.set(true);
      writer.get();
    }
  }

  @Test
  void sendInitialEventsNeedsNotOlderThanAndBookmarks() {
    assertThat(api.get(cms() + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true").code()).isEqualTo(422);
    assertThat(api.get(cms() + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan").code()).isEqualTo(422);
  }

  @Test
  void sendInitialEventsFalseStartsFromNowWithoutTheState() {
    create("a", Map.of());
    try (WatchConnection w =
        api.watch(cms() + "?watch=true&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=0")) {
      assertThat(w.code()).isEqualTo(200);
      create("b", Map.of());
      assertThat(describe(w.nextNonBookmark(WAIT))).isEqualTo("ADDED b");
    }
  }

  @Test
  void tableWatchesSendColumnDefinitionsOnlyFirst() {
    create("a", Map.of());
    try (WatchConnection w = api.watch(cms() + "?watch=true", "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")) {
      JsonNode first = w.next(WAIT);
      create("b", Map.of());
      update("b", "1");
      List<JsonNode> more = w.take(2, WAIT);
      assertThat(first.path("object").path("kind").asText()).isEqualTo("Table");
      assertThat(first.path("object").path("columnDefinitions")).isNotEmpty();
      assertThat(first.path("object").path("columnDefinitions").get(0).path("name").asText()).isEqualTo("Name");
      assertThat(first.path("object").path("rows").get(0).path("cells").get(0).asText()).isEqualTo("a");
      for (JsonNode e : more) {
        assertThat(e.path("object").path("kind").asText()).isEqualTo("Table");
        assertThat(e.path("object").path("columnDefinitions")).as("%s", e).isEmpty();
        assertThat(e.path("object").path("rows")).hasSize(1);
      }
      assertThat(more.get(1).path("object").path("rows").get(0).path("object").path("metadata").path("name").asText()).isEqualTo("b");
    }
  }
}
