package io.tidewater.apiserver.rest;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * LIST semantics against Kubernetes' "API concepts" page: chunking with limit/continue at one
 * revision, remainingItemCount, the resourceVersion / resourceVersionMatch table, 410 and 504, and
 * label and field selectors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListSemanticsTest {
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

  private Response create(String name, Map<String, String> labels) {
    Response r = api.post(cms(), configMap(name, labels, Map.of("v", "0")));
    assertThat(r.code()).as("%s", r).isEqualTo(201);
    return r;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ chunking

  @Test
  void pagesAreOneConsistentSnapshotWhileWritesHappen() throws Exception {
    Map<String, String> original = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      String name = String.format("cm-%03d", i);
      original.put(name, create(name, Map.of()).rv());
    }
    Response first = api.get(cms() + "?limit=7");
    assertThat(first.code()).isEqualTo(200);
    String snapshotRv = first.rv();

    // Writers change every later page while the client pages through: updates, deletes and
    // creates that sort in between and after the originals.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger writes = new AtomicInteger();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      int i = 0;
      while (!stop.get()) {
        String victim = String.format("cm-%03d", 10 + (i % 50));
        switch (i % 3) {
          case 0 -> api.patch(cms() + "/" + victim, "application/merge-patch+json", "{\"data\":{\"v\":\"" + i + "\"}}");
          case 1 -> api.post(cms(), configMap(String.format("cm-%03d-new-%d", 10 + (i % 50), i)));
          default -> api.delete(cms() + "/" + victim);
        }
        writes.incrementAndGet();
        i++;
      }
    });
    List<JsonNode> items = new ArrayList<>();
    first.json().path("items").forEach(items::add);
    String cont = first.json().path("metadata").path("continue").asText();
    int pages = 1;
    while (!cont.isEmpty()) {
      // Let some writes land between every two pages.
      int before = writes.get();
      while (writes.get() < before + 2) {
        Thread.onSpinWait();
      }
      Response page = api.get(cms() + "?limit=7&continue=" + q(cont));
      assertThat(page.code()).as("%s", page).isEqualTo(200);
      assertThat(page.rv()).as("every page reports the first page's revision").isEqualTo(snapshotRv);
      page.json().path("items").forEach(items::add);
      cont = page.json().path("metadata").path("continue").asText();
      pages++;
    }
    stop.set(true);
    writer.get();

    assertThat(pages).isEqualTo(9);
    assertThat(writes.get()).isGreaterThan(10);
    Map<String, String> seen = new TreeMap<>();
    for (JsonNode item : items) {
      seen.put(item.path("metadata").path("name").asText(), item.path("metadata").path("resourceVersion").asText());
      assertThat(item.path("data").path("v").asText()).as("no page shows a later update").isEqualTo("0");
    }
    assertThat(seen).as("exactly the objects, at the versions, of the first page's revision").isEqualTo(original);
    assertThat(items).hasSize(60);
  }

  @Test
  void remainingItemCountCountsWhatIsLeftAndIsOmittedWithSelectors() {
    for (int i = 0; i < 25; i++) {
      create(String.format("cm-%02d", i), i % 2 == 0 ? Map.of("even", "true") : Map.of());
    }
    Response p1 = api.get(cms() + "?limit=10");
    assertThat(p1.names()).hasSize(10);
    assertThat(p1.json().path("metadata").path("remainingItemCount").asLong()).isEqualTo(15);
    Response p2 = api.get(cms() + "?limit=10&continue=" + q(p1.json().path("metadata").path("continue").asText()));
    assertThat(p2.json().path("metadata").path("remainingItemCount").asLong()).isEqualTo(5);
    Response p3 = api.get(cms() + "?limit=10&continue=" + q(p2.json().path("metadata").path("continue").asText()));
    assertThat(p3.names()).hasSize(5);
    assertThat(p3.json().path("metadata").has("continue")).as("the last page has no continue").isFalse();
    assertThat(p3.json().path("metadata").has("remainingItemCount")).isFalse();

    Response filtered = api.get(cms() + "?limit=5&labelSelector=even%3Dtrue");
    assertThat(filtered.names()).hasSize(5).allMatch(n -> Integer.parseInt(n.substring(3)) % 2 == 0);
    assertThat(filtered.json().path("metadata").has("continue")).isTrue();
    assertThat(filtered.json().path("metadata").has("remainingItemCount"))
        .as("a filtered list cannot know how many remain")
        .isFalse();
  }

  @Test
  void aLimitExactlyAtTheEndGivesNoContinue() {
    for (int i = 0; i < 4; i++) {
      create("cm-" + i, Map.of());
    }
    Response all = api.get(cms() + "?limit=4");
    assertThat(all.names()).hasSize(4);
    assertThat(all.json().path("metadata").has("continue")).isFalse();
  }

  // ------------------------------------------------------------------ resourceVersion

  @Test
  void unsetResourceVersionIsMostRecent() {
    String rv = create("a", Map.of()).rv();
    Response list = api.get(cms());
    assertThat(list.names()).containsExactly("a");
    assertThat(Long.parseLong(list.rv())).isGreaterThanOrEqualTo(Long.parseLong(rv));
  }

  @Test
  void resourceVersionZeroIsAnyVersion() {
    create("a", Map.of());
    Response list = api.get(cms() + "?resourceVersion=0");
    assertThat(list.code()).isEqualTo(200);
    assertThat(list.json().path("kind").asText()).isEqualTo("ConfigMapList");
    Response paged = api.get(cms() + "?resourceVersion=0&limit=1");
    assertThat(paged.code()).isEqualTo(200);
  }

  @Test
  void notOlderThanReturnsAtLeastTheRequestedRevision() {
    String rv = create("a", Map.of()).rv();
    for (String query : List.of("?resourceVersion=" + rv, "?resourceVersion=" + rv + "&resourceVersionMatch=NotOlderThan",
        "?resourceVersion=" + rv + "&resourceVersionMatch=NotOlderThan&limit=5")) {
      Response list = api.get(cms() + query);
      assertThat(list.code()).as(query).isEqualTo(200);
      assertThat(list.names()).as(query).containsExactly("a");
      assertThat(Long.parseLong(list.rv())).as(query).isGreaterThanOrEqualTo(Long.parseLong(rv));
    }
  }

  @Test
  void exactReturnsTheStateAtThatRevision() {
    String rv1 = create("a", Map.of()).rv();
    create("b", Map.of());
    api.delete(cms() + "/a");
    for (String query : List.of("?resourceVersion=" + rv1 + "&resourceVersionMatch=Exact",
        "?resourceVersion=" + rv1 + "&resourceVersionMatch=Exact&limit=10")) {
      Response list = api.get(cms() + query);
      assertThat(list.code()).as(query).isEqualTo(200);
      assertThat(list.names()).as(query).containsExactly("a");
      assertThat(list.rv()).as(query).isEqualTo(rv1);
    }
    assertThat(api.get(cms()).names()).containsExactly("b");
  }

  @Test
  void aLimitWithAResourceVersionAndNoMatchIsExact() {
    // The API concepts table: resourceVersionMatch unset, limit set, resourceVersion N -> Exact.
    String rv1 = create("a", Map.of()).rv();
    create("b", Map.of());
    Response list = api.get(cms() + "?resourceVersion=" + rv1 + "&limit=10");
    assertThat(list.code()).isEqualTo(200);
    assertThat(list.names()).containsExactly("a");
    assertThat(list.rv()).isEqualTo(rv1);
  }

  @Test
  void invalidCombinationsAreBadRequests() {
    create("a", Map.of());
    Response page = api.get(cms() + "?limit=1");
    create("b", Map.of());
    String cont = q(page.json().path("metadata").path("continue").asText(""));
    Map<String, Integer> expected = new HashMap<>();
    expected.put("?resourceVersionMatch=NotOlderThan", 400);
    expected.put("?resourceVersionMatch=Exact", 400);
    expected.put("?resourceVersion=0&resourceVersionMatch=Exact", 400);
    expected.put("?resourceVersion=1&resourceVersionMatch=Sometime", 400);
    expected.put("?resourceVersion=abc", 400);
    expected.put("?resourceVersion=-1", 400);
    expected.put("?limit=-1", 400);
    expected.put("?limit=x", 400);
    expected.put("?continue=not-a-token", 400);
    for (var e : expected.entrySet()) {
      Response r = api.get(cms() + e.getKey());
      assertThat(r.code()).as(e.getKey() + " -> " + r).isEqualTo(e.getValue());
      assertThat(r.json().path("kind").asText()).isEqualTo("Status");
    }
  }

  @Test
  void continueWithAResourceVersionIsRefusedButZeroIsIgnored() {
    for (int i = 0; i < 3; i++) {
      create("cm-" + i, Map.of());
    }
    Response page = api.get(cms() + "?limit=1");
    String cont = q(page.json().path("metadata").path("continue").asText());
    Response withRv = api.get(cms() + "?limit=1&resourceVersion=" + page.rv() + "&continue=" + cont);
    assertThat(withRv.code()).isEqualTo(400);
    // "Invalid, treated as Continue Token, Exact" in the API concepts table.
    Response withZero = api.get(cms() + "?limit=1&resourceVersion=0&continue=" + cont);
    assertThat(withZero.code()).as("%s", withZero).isEqualTo(200);
    assertThat(withZero.names()).containsExactly("cm-1");
    assertThat(withZero.rv()).isEqualTo(page.rv());
  }

  @Test
  void aResourceVersionFromTheFutureTimesOutWith504() throws Exception {
    long future = api.store().currentRevision() + 1_000;
    CompletableFuture<Response> cached = CompletableFuture.supplyAsync(() -> api.get(cms() + "?resourceVersion=" + future));
    CompletableFuture<Response> exact =
        CompletableFuture.supplyAsync(() -> api.get(cms() + "?resourceVersion=" + future + "&resourceVersionMatch=Exact"));
    CompletableFuture<Response> get = CompletableFuture.supplyAsync(() -> api.get(cms() + "/x?resourceVersion=" + future));
    for (Response r : List.of(cached.get(), exact.get(), get.get())) {
      assertThat(r.code()).as("%s", r).isEqualTo(504);
      assertThat(r.reason()).isEqualTo("Timeout");
      assertThat(r.json().path("message").asText()).contains("Too large resource version");
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void aRevisionThatArrivesDuringTheWaitIsServed() throws Exception {
    // The namespace controller's one write (the default ServiceAccount) must not be that revision.
    org.awaitility.Awaitility.await().until(() -> api.get("/api/v1/namespaces/" + ns + "/serviceaccounts/default").code() == 200);
    long next = api.store().currentRevision() + 1;
    CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> api.get(cms() + "?resourceVersion=" + next));
    Thread.sleep(200);
    create("late", Map.of());
    Response r = waiting.get();
    assertThat(r.code()).as("%s", r).isEqualTo(200);
    assertThat(r.names()).contains("late");
  }

  // ------------------------------------------------------------------ selectors

  @Test
  void labelSelectorsSupportEveryOperator() {
    create("a", Map.of("tier", "web", "env", "prod"));
    create("b", Map.of("tier", "db", "env", "prod"));
    create("c", Map.of("tier", "cache"));
    create("d", Map.of());
    Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
    cases.put("tier=web", List.of("a"));
    cases.put("tier==web", List.of("a"));
    cases.put("tier!=web", List.of("b", "c", "d"));
    cases.put("tier in (web,db)", List.of("a", "b"));
    cases.put("tier notin (web,db)", List.of("c", "d"));
    cases.put("tier", List.of("a", "b", "c"));
    cases.put("!tier", List.of("d"));
    cases.put("!env", List.of("c", "d"));
    cases.put("env=prod,tier!=db", List.of("a"));
    cases.put("env, tier in (db, cache)", List.of("b"));
    cases.put("tier notin (web),env", List.of("b"));
    for (var c : cases.entrySet()) {
      Response r = api.get(cms() + "?labelSelector=" + q(c.getKey()));
      assertThat(r.code()).as(c.getKey() + " -> " + r).isEqualTo(200);
      assertThat(r.names()).as(c.getKey()).containsExactlyElementsOf(c.getValue());
      Response paged = api.get(cms() + "?limit=1&labelSelector=" + q(c.getKey()));
      assertThat(paged.names()).as("paged " + c.getKey()).containsExactly(c.getValue().get(0));
    }
    for (String bad : List.of("tier in web", "=web", "tier=(", "Bad Key=x", "tier in (a", "tier=a b")) {
      Response r = api.get(cms() + "?labelSelector=" + q(bad));
      assertThat(r.code()).as(bad + " -> " + r).isEqualTo(400);
    }
  }

  @Test
  void fieldSelectorsOnNameAndNamespace() {
    String a = ns + "-a";
    create(a, Map.of());
    create("b", Map.of());
    String other = api.newNamespace();
    assertThat(api.post("/api/v1/namespaces/" + other + "/configmaps", configMap(a)).code()).isEqualTo(201);

    assertThat(api.get(cms() + "?fieldSelector=" + q("metadata.name=" + a)).names()).containsExactly(a);
    assertThat(api.get(cms() + "?fieldSelector=" + q("metadata.name==" + a)).names()).containsExactly(a);
    assertThat(api.get(cms() + "?fieldSelector=" + q("metadata.name!=" + a)).names()).containsExactly("b");
    assertThat(api.get(cms() + "?fieldSelector=metadata.name%3Dzz").names()).isEmpty();

    Response all = api.get("/api/v1/configmaps?fieldSelector=" + q("metadata.name=" + a + ",metadata.namespace=" + other));
    assertThat(all.code()).isEqualTo(200);
    assertThat(all.json().path("items")).hasSize(1);
    assertThat(all.json().path("items").get(0).path("metadata").path("namespace").asText()).isEqualTo(other);
    Response notNs = api.get("/api/v1/configmaps?fieldSelector=" + q("metadata.namespace!=" + other + ",metadata.name=" + a));
    assertThat(notNs.json().path("items")).hasSize(1);
    assertThat(notNs.json().path("items").get(0).path("metadata").path("namespace").asText()).isEqualTo(ns);
    Response paged = api.get("/api/v1/configmaps?limit=1&fieldSelector=" + q("metadata.name=" + a));
    assertThat(paged.json().path("items")).hasSize(1);
    assertThat(paged.json().path("metadata").path("continue").asText()).isNotEmpty();
    Response rest = api.get("/api/v1/configmaps?limit=1&fieldSelector=" + q("metadata.name=" + a) + "&continue="
        + q(paged.json().path("metadata").path("continue").asText()));
    assertThat(rest.json().path("items")).hasSize(1);
    assertThat(rest.json().path("items").get(0).path("metadata").path("namespace").asText())
        .isNotEqualTo(paged.json().path("items").get(0).path("metadata").path("namespace").asText());

    Response unsupported = api.get(cms() + "?fieldSelector=spec.nodeName%3Dx");
    assertThat(unsupported.code()).isEqualTo(400);
    assertThat(unsupported.json().path("message").asText()).contains("field label not supported: spec.nodeName");
    assertThat(api.get(cms() + "?fieldSelector=" + q("metadata.name")).code()).isEqualTo(400);
  }

  @Test
  void namespacesAreListedClusterWideAndNamespacedListsStayInTheirNamespace() {
    create("a", Map.of());
    String other = api.newNamespace();
    api.post("/api/v1/namespaces/" + other + "/configmaps", configMap("z"));
    assertThat(api.get(cms()).names()).containsExactly("a");
    assertThat(api.get("/api/v1/namespaces/" + other + "/configmaps?limit=10").names()).containsExactly("z");
    assertThat(api.get("/api/v1/namespaces").names()).contains(ns, other, "default");
  }
}
