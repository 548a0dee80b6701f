package io.tidewater.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.testing.GatewayFixture;
import io.tidewater.gateway.testing.MutableClock;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merged view of two members over HTTP: identity, selectors, consistent pages, watch history
 * and 410, deletes forwarded to the owning member, and the Table with its CLUSTER column.
 */
class MergedViewTest {
  static final GroupVersionResource NAMESPACES = new GroupVersionResource("", "v1", "namespaces");
  static final int HISTORY = 200;

  static MutableClock clock = new MutableClock();
  static GatewayFixture fx;
  static TestMemberCluster east;
  static TestMemberCluster west;

  @BeforeAll
  static void start() throws Exception {
    GatewayOptions options = new GatewayOptions(HISTORY, 10_000, 8, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);
    fx = GatewayFixture.start(List.of("east", "west"), options);
    east = fx.member("east");
    west = fx.member("west");
    east.create(TestMemberCluster.NODES, TestObjects.node("n1", "8", "32Gi", 110, Map.of(), true));
    west.create(TestMemberCluster.NODES, TestObjects.node("n1", "16", "64Gi", 110, Map.of(), true));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static void namespace(String name) {
    for (TestMemberCluster m : fx.members()) {
      ObjectNode ns = Json.object();
      ns.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", name);
      m.create(NAMESPACES, ns);
    }
  }

  static Set<String> names(JsonNode list) {
    Set<String> out = new TreeSet<>();
    list.path("items").forEach(i -> out.add(i.at("/metadata/name").asText()));
    return out;
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static JsonNode list(String pathAndQuery) {
    GatewayFixture.Response r = fx.get(pathAndQuery);
    assertThat(r.code()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void podsOfTheSameNameInTwoClustersAreBothVisibleAndAddressable() {
    namespace("same");
    east.create(TestMemberCluster.PODS, TestObjects.pod("same", "web-1", "n1", "100m", "64Mi"));
    west.create(TestMemberCluster.PODS, TestObjects.pod("same", "web-1", "n1", "100m", "64Mi"));
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list("/api/v1/namespaces/same/pods")).size() == 2);

    JsonNode pods = list("/api/v1/namespaces/same/pods");
    assertThat(names(pods)).containsExactly("east.web-1", "west.web-1");
    long listRv = pods.at("/metadata/resourceVersion").asLong();
    Set<Long> rvs = new HashSet<>();
    pods.path("items").forEach(i -> rvs.add(i.at("/metadata/resourceVersion").asLong()));
    assertThat(rvs).hasSize(2).allMatch(rv -> rv <= listRv);

    JsonNode eastPod = fx.get("/api/v1/namespaces/same/pods/east.web-1").json();
    assertThat(eastPod.at("/metadata/labels/tidewater.io~1cluster").asText()).isEqualTo("east");
    assertThat(eastPod.at("/spec/nodeName").asText()).isEqualTo("east.n1");
    JsonNode westPod = fx.get("/api/v1/namespaces/same/pods/west.web-1").json();
    assertThat(westPod.at("/metadata/uid").asText()).isNotEqualTo(eastPod.at("/metadata/uid").asText());

    // The node a pod names is in the merged view under the same name.
    JsonNode node = fx.get("/api/v1/nodes/" + eastPod.at("/spec/nodeName").asText()).json();
    assertThat(node.at("/status/capacity/cpu").asText()).isEqualTo("8");
    assertThat(fx.get("/api/v1/nodes/west.n1").json().at("/status/capacity/cpu").asText()).isEqualTo("16");
    assertThat(fx.get("/api/v1/namespaces/same/pods/web-1").code()).isEqualTo(404);
  }

  @Test
  void selectsByLabelsWithEveryOperatorAndBySupportedFields() {
    namespace("sel");
    ObjectNode front = TestObjects.pod("sel", "front", "n1", "100m", "64Mi");
    front.with("metadata").with("labels").put("tier", "front");
    ObjectNode back = TestObjects.pod("sel", "back", null, "100m", "64Mi");
    back.with("metadata").with("labels").put("tier", "back");
    east.create(TestMemberCluster.PODS, front.deepCopy());
    west.create(TestMemberCluster.PODS, front);
    east.create(TestMemberCluster.PODS, back);
    east.create(TestMemberCluster.PODS, TestObjects.pod("sel", "plain", "n1", "100m", "64Mi"));
    west.updateStatus(TestMemberCluster.PODS, "sel", "front", p -> {
      p.with("status").put("phase", "Running");
      return p;
    });
    String base = "/api/v1/namespaces/sel/pods";
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base + "?fieldSelector=" + q("status.phase=Running"))).size() == 1);

    assertThat(names(list(base + "?labelSelector=" + q("tier=front")))).containsExactly("east.front", "west.front");
    assertThat(names(list(base + "?labelSelector=" + q("tier!=front")))).containsExactly("east.back", "east.plain");
    assertThat(names(list(base + "?labelSelector=" + q("tier in (front,back)")))).containsExactly("east.back", "east.front", "west.front");
    assertThat(names(list(base + "?labelSelector=" + q("tier notin (front)")))).containsExactly("east.back", "east.plain");
    assertThat(names(list(base + "?labelSelector=" + q("tier")))).containsExactly("east.back", "east.front", "west.front");
    assertThat(names(list(base + "?labelSelector=" + q("!tier")))).containsExactly("east.plain");
    assertThat(names(list(base + "?labelSelector=" + q("tidewater.io/cluster=west")))).containsExactly("west.front");
    assertThat(names(list(base + "?labelSelector=" + q("tier=front,tidewater.io/cluster!=west")))).containsExactly("east.front");

    assertThat(names(list(base + "?fieldSelector=" + q("metadata.name=east.back")))).containsExactly("east.back");
    assertThat(names(list("/api/v1/pods?fieldSelector=" + q("metadata.namespace=sel,spec.nodeName=west.n1")))).containsExactly("west.front");
    assertThat(names(list(base + "?fieldSelector=" + q("spec.nodeName=")))).containsExactly("east.back");
    assertThat(names(list(base + "?fieldSelector=" + q("status.phase=Running")))).containsExactly("west.front");
    assertThat(names(list(base + "?fieldSelector=" + q("status.phase!=Running")))).containsExactly("east.back", "east.front", "east.plain");
    assertThat(fx.get(base + "?fieldSelector=" + q("spec.image=x")).code()).isEqualTo(400);
  }

  @Test
  void pagesComeFromOneRevisionAndExpireWithGone() {
    namespace("pages");
    for (int i = 0; i < 12; i++) {
      east.create(TestMemberCluster.PODS, TestObjects.pod("pages", String.format("p-%02d", i), "n1", "10m", "16Mi"));
      west.create(TestMemberCluster.PODS, TestObjects.pod("pages", String.format("p-%02d", i), "n1", "10m", "16Mi"));
    }
    String base = "/api/v1/namespaces/pages/pods";
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).size() == 24);
    Set<String> expected = names(list(base));

    List<String> seen = new ArrayList<>();
    JsonNode page = list(base + "?limit=5");
    long rv = page.at("/metadata/resourceVersion").asLong();
    assertThat(page.at("/metadata/remainingItemCount").asLong()).isEqualTo(19);
    int pages = 1;
    page.path("items").forEach(i -> seen.add(i.at("/metadata/name").asText()));
    while (page.at("/metadata/continue").isTextual()) {
      // Changes between pages do not show up in later pages of the same list.
      String late = "late-" + pages;
      east.create(TestMemberCluster.PODS, TestObjects.pod("pages", late, "n1", "10m", "16Mi"));
      west.delete(TestMemberCluster.PODS, "pages", String.format("p-%02d", 11 - pages));
      await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).contains("east." + late));
      page = list(base + "?limit=5&continue=" + q(page.at("/metadata/continue").asText()));
      assertThat(page.at("/metadata/resourceVersion").asLong()).isEqualTo(rv);
      page.path("items").forEach(i -> seen.add(i.at("/metadata/name").asText()));
      pages++;
    }
    assertThat(pages).isEqualTo(5);
    assertThat(seen).hasSize(24).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(seen)).isEqualTo(expected);

    JsonNode first = list(base + "?limit=5");
    String token = first.at("/metadata/continue").asText();
    clock.advance(Duration.ofMinutes(6));
    GatewayFixture.Response gone = fx.get(base + "?limit=5&continue=" + q(token));
    assertThat(gone.code()).isEqualTo(410);
    assertThat(gone.json().path("reason").asText()).isEqualTo("Expired");
  }

  @Test
  void watchesResumeWithinHistoryAndAnswerGoneBeforeIt() throws Exception {
    namespace("hist");
    String base = "/api/v1/namespaces/hist/pods";
    east.create(TestMemberCluster.PODS, TestObjects.pod("hist", "first", "n1", "10m", "16Mi"));
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).contains("east.first"));
    String resumeFrom = list(base).at("/metadata/resourceVersion").asText();
    west.create(TestMemberCluster.PODS, TestObjects.pod("hist", "second", "n1", "10m", "16Mi"));
    // Two members' changes are ordered only by when the gateway sees them: wait for the first.
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).contains("west.second"));
    east.delete(TestMemberCluster.PODS, "hist", "first");
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).equals(Set.of("west.second")));

    try (InputStream in = fx.stream(base + "?watch=true&resourceVersion=" + resumeFrom + "&timeoutSeconds=5")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      JsonNode e1 = Json.parse(r.readLine().getBytes(StandardCharsets.UTF_8));
      JsonNode e2 = Json.parse(r.readLine().getBytes(StandardCharsets.UTF_8));
      assertThat(e1.path("type").asText() + " " + e1.at("/object/metadata/name").asText()).isEqualTo("ADDED west.second");
      assertThat(e2.path("type").asText() + " " + e2.at("/object/metadata/name").asText()).isEqualTo("DELETED east.first");
      assertThat(e2.at("/object/metadata/resourceVersion").asLong()).isGreaterThan(e1.at("/object/metadata/resourceVersion").asLong());
    }

    // Push the resume point out of the history (HISTORY events per kind).
    namespace("churn");
    for (int i = 0; i < HISTORY / 2 + 10; i++) {
      east.create(TestMemberCluster.PODS, TestObjects.pod("churn", "c-" + i, "n1", "10m", "16Mi"));
      east.delete(TestMemberCluster.PODS, "churn", "c-" + i);
    }
    String resume = base + "?watch=true&timeoutSeconds=1&resourceVersion=" + resumeFrom;
    // As from a real API server's watch cache: 200, then one ERROR event carrying the 410 Status.
    await().atMost(Duration.ofSeconds(30)).until(() -> watchError(resume) != null);
    JsonNode gone = watchError(resume);
    assertThat(gone.path("code").asInt()).isEqualTo(410);
    assertThat(gone.path("reason").asText()).isEqualTo("Expired");
    assertThat(fx.get(base + "?resourceVersion=" + resumeFrom + "&resourceVersionMatch=Exact").code()).isEqualTo(410);
    assertThat(fx.get(base + "?watch=true&timeoutSeconds=1&resourceVersion=" + Long.MAX_VALUE / 2).code()).isEqualTo(504);
  }

  /** The Status of a watch's ERROR event, or null when the watch started normally. */
  private JsonNode watchError(String watch) {
    GatewayFixture.Response r = fx.get(watch);
    if (r.code() != 200 || r.body().isBlank()) {
      return null;
    }
    JsonNode first = Json.parse(r.body().lines().findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8));
    return first.path("type").asText().equals("ERROR") ? first.path("object") : null;
  }

  @Test
  void streamingListEndsItsInitialEventsWithABookmark() throws Exception {
    namespace("stream");
    east.create(TestMemberCluster.PODS, TestObjects.pod("stream", "a", "n1", "10m", "16Mi"));
    west.create(TestMemberCluster.PODS, TestObjects.pod("stream", "b", "n1", "10m", "16Mi"));
    String base = "/api/v1/namespaces/stream/pods";
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).size() == 2);
    try (InputStream in = fx.stream(base + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=5")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonNode e = Json.parse(r.readLine().getBytes(StandardCharsets.UTF_8));
        events.add(e.path("type").asText() + " " + e.at("/object/metadata/name").asText(""));
        if (e.path("type").asText().equals("BOOKMARK")) {
          assertThat(e.at("/object/metadata/annotations/k8s.io~1initial-events-end").asText()).isEqualTo("true");
        }
      }
      assertThat(events).containsExactly("ADDED east.a", "ADDED west.b", "BOOKMARK ");
    }
  }

  @Test
  void deletesGoToTheOwningMemberOnly() {
    namespace("del");
    east.create(TestMemberCluster.PODS, TestObjects.pod("del", "dup", "n1", "10m", "16Mi"));
    west.create(TestMemberCluster.PODS, TestObjects.pod("del", "dup", "n1", "10m", "16Mi"));
    String base = "/api/v1/namespaces/del/pods";
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).size() == 2);

    GatewayFixture.Response r = fx.send("DELETE", base + "/west.dup", "application/json", "{\"propagationPolicy\":\"Background\"}", Map.of());
    assertThat(r.code()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("Success");
    assertThat(west.api().storage(TestMemberCluster.PODS).list("del", io.tidewater.apiserver.storage.ListOptions.everything()).items()).isEmpty();
    assertThat(east.api().storage(TestMemberCluster.PODS).list("del", io.tidewater.apiserver.storage.ListOptions.everything()).items()).hasSize(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list(base)).equals(Set.of("east.dup")));

    assertThat(fx.send("DELETE", base + "/west.dup", null, null, Map.of()).code()).isEqualTo(404);
    assertThat(fx.send("DELETE", base + "/dup", null, null, Map.of()).code()).isEqualTo(404);
    String create = Json.string(TestObjects.pod("del", "new", null, "10m", "16Mi"));
    assertThat(fx.send("POST", base, "application/json", create, Map.of()).code()).isEqualTo(405);
  }

  @Test
  void eventsAndReplicaSetsReferToMergedNames() {
    namespace("refs");
    // The member's garbage collector removes dependents of owners that do not exist: the owners are real.
    ObjectNode deployment = east.create(new GroupVersionResource("apps", "v1", "deployments"), (ObjectNode) Json.parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"refs"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
        """.getBytes(StandardCharsets.UTF_8)));
    ObjectNode rs = (ObjectNode) Json.parse("""
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d8","namespace":"refs","labels":{"app":"web"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"UID","controller":true}]},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
        """.replace("UID", deployment.at("/metadata/uid").asText()).getBytes(StandardCharsets.UTF_8));
    ObjectNode createdRs = east.create(TestMemberCluster.REPLICASETS, rs);
    ObjectNode pod = TestObjects.pod("refs", "web-5d8-x", "n1", "10m", "16Mi");
    pod.with("metadata").putArray("ownerReferences").addObject()
        .put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", "web-5d8").put("uid", createdRs.at("/metadata/uid").asText());
    String podUid = east.create(TestMemberCluster.PODS, pod).at("/metadata/uid").asText();
    ObjectNode event = (ObjectNode) Json.parse("""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-5d8-x.1","namespace":"refs"},
         "involvedObject":{"apiVersion":"v1","kind":"Pod","namespace":"refs","name":"web-5d8-x","uid":"UID"},
         "reason":"Scheduled","message":"assigned","type":"Normal","source":{"component":"default-scheduler"},"count":1}
        """.replace("UID", podUid).getBytes(StandardCharsets.UTF_8));
    east.create(TestMemberCluster.EVENTS, event);
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list("/api/v1/namespaces/refs/events")).size() == 1);

    JsonNode mergedRs = fx.get("/apis/apps/v1/namespaces/refs/replicasets/east.web-5d8").json();
    assertThat(mergedRs.at("/metadata/ownerReferences/0/name").asText()).isEqualTo("web");
    JsonNode mergedPod = fx.get("/api/v1/namespaces/refs/pods/east.web-5d8-x").json();
    assertThat(mergedPod.at("/metadata/ownerReferences/0/name").asText()).isEqualTo(mergedRs.at("/metadata/name").asText());
    JsonNode events = list("/api/v1/namespaces/refs/events?fieldSelector="
        + q("involvedObject.kind=Pod,involvedObject.name=east.web-5d8-x,involvedObject.uid=" + mergedPod.at("/metadata/uid").asText()));
    assertThat(names(events)).containsExactly("east.web-5d8-x.1");
  }

  @Test
  void largeListsArriveWholeWhenStreamed() {
    namespace("big");
    String padding = "x".repeat(3_000);
    for (int i = 0; i < 800; i++) {
      for (TestMemberCluster m : List.of(east, west)) {
        ObjectNode p = TestObjects.pod("big", "p-" + i, "n1", "10m", "16Mi");
        p.with("metadata").putObject("annotations").put("padding", padding);
        m.create(TestMemberCluster.PODS, p);
      }
    }
    String base = "/api/v1/namespaces/big/pods";
    await().atMost(Duration.ofSeconds(60)).until(() -> fx.gateway().storage(io.tidewater.gateway.view.MergedKind.PODS)
        .list("big", io.tidewater.apiserver.storage.ListOptions.everything()).items().size() == 1_600);
    GatewayFixture.Response whole = fx.get(base);
    assertThat(whole.body().length()).isGreaterThan(5_000_000); // past the size the API server streams lists at
    JsonNode list = whole.json();
    assertThat(list.path("kind").asText()).isEqualTo("PodList");
    assertThat(list.path("items").size()).isEqualTo(1_600);
    assertThat(names(list)).contains("east.p-0", "west.p-799");
  }

  @Test
  void tablesCarryAClusterColumnAfterTheDefaultColumns() {
    namespace("table");
    east.create(TestMemberCluster.PODS, TestObjects.pod("table", "t", "n1", "10m", "16Mi"));
    await().atMost(Duration.ofSeconds(20)).until(() -> names(list("/api/v1/namespaces/table/pods")).size() == 1);
    GatewayFixture.Response r = fx.send(
        "GET", "/api/v1/namespaces/table/pods", null, null, Map.of("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"));
    JsonNode table = r.json();
    List<String> columns = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText() + (c.path("priority").asInt() > 0 ? "*" : "")));
    assertThat(columns).startsWith("Name", "Ready", "Status", "Restarts", "Age", "Cluster", "IP*", "Node*");
    JsonNode cells = table.at("/rows/0/cells");
    assertThat(cells.get(0).asText()).isEqualTo("east.t");
    assertThat(cells.get(5).asText()).isEqualTo("east");
    assertThat(cells.get(7).asText()).isEqualTo("east.n1");
  }
}
