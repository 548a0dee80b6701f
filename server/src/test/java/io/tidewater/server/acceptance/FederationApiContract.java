package io.tidewater.server.acceptance;

import static io.tidewater.server.acceptance.Manifests.configMapJson;
import static io.tidewater.server.acceptance.Manifests.deploymentJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.server.acceptance.RunningControlPlane.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The API-level behaviour every store must give: CRUD with Kubernetes' metadata semantics,
 * subresources, finalizers and garbage collection, list paging and selectors, resourceVersion
 * semantics, watches, and compaction. Subclasses run it on the embedded store and on etcd; the
 * informer tests live in {@link InformerContract}.
 */
abstract class FederationApiContract {
  static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

  protected String ns;

  /** The control plane under test, shared by the subclass's tests. */
  protected abstract RunningControlPlane server();

  @BeforeEach
  void namespace(TestInfo info) {
    String method = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    ns = method.length() > 50 ? method.substring(0, 50) : method;
    server().createNamespace(ns);
  }

  String cms() {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  String deploys() {
    return "/apis/apps/v1/namespaces/" + ns + "/deployments";
  }

  static String q(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  JsonNode created(String collection, String body) {
    Response r = server().post(collection, body);
    assertThat(r.code()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static long rv(JsonNode obj) {
    return Long.parseLong(obj.at("/metadata/resourceVersion").asText());
  }

  static void assertStatus(Response r, int code, String reason) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    JsonNode s = r.json();
    assertThat(s.path("kind").asText()).isEqualTo("Status");
    assertThat(s.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(s.path("status").asText()).isEqualTo("Failure");
    assertThat(s.path("code").asInt()).isEqualTo(code);
    assertThat(s.path("reason").asText()).isEqualTo(reason);
    assertThat(s.path("message").asText()).isNotBlank();
  }

  List<String> names(Response list) {
    assertThat(list.code()).as(list.toString()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    list.json().path("items").forEach(i -> names.add(i.at("/metadata/name").asText()));
    return names;
  }

  // ------------------------------------------------------------------ CRUD and metadata

  @Test
  void createGetUpdateDeleteKeepKubernetesMetadata() {
    JsonNode created = created(deploys(), deploymentJson(ns, "web", 2, "nginx:1.25"));
    assertThat(created.at("/metadata/uid").asText()).matches("[0-9a-f-]{36}");
    assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(created.at("/metadata/creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(created.at("/spec/strategy/type").asText()).as("defaults applied").isEqualTo("RollingUpdate");
    assertThat(created.at("/metadata/managedFields/0/operation").asText()).isEqualTo("Update");

    Response got = server().get(deploys() + "/web");
    assertThat(got.code()).isEqualTo(200);
    assertThat(got.json()).isEqualTo(created);

    Response dup = server().post(deploys(), deploymentJson(ns, "web", 2, "nginx:1.25"));
    assertStatus(dup, 409, "AlreadyExists");
    assertThat(dup.json().path("message").asText()).isEqualTo("deployments.apps \"web\" already exists");
    assertThat(dup.json().at("/details/name").asText()).isEqualTo("web");

    // A spec change bumps the generation; a label change does not.
    ObjectNode edit = (ObjectNode) got.json().deepCopy();
    ((ObjectNode) edit.get("spec")).put("replicas", 3);
    Response updated = server().put(deploys() + "/web", edit);
    assertThat(updated.code()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(rv(updated.json())).isGreaterThan(rv(created));
    assertThat(updated.json().at("/metadata/uid")).isEqualTo(created.at("/metadata/uid"));
    assertThat(updated.json().at("/metadata/creationTimestamp")).isEqualTo(created.at("/metadata/creationTimestamp"));

    ObjectNode relabel = (ObjectNode) updated.json().deepCopy();
    ((ObjectNode) relabel.at("/metadata/labels")).put("tier", "front");
    Response labelled = server().put(deploys() + "/web", relabel);
    assertThat(labelled.code()).isEqualTo(200);
    assertThat(labelled.json().at("/metadata/generation").asLong()).isEqualTo(2);

    // Writing back what is stored changes nothing, not even the resourceVersion.
    Response same = server().put(deploys() + "/web", labelled.json());
    assertThat(same.code()).isEqualTo(200);
    assertThat(rv(same.json())).isEqualTo(rv(labelled.json()));

    // A write based on an old resourceVersion is refused.
    Response stale = server().put(deploys() + "/web", edit.put("kind", "Deployment"));
    assertStatus(stale, 409, "Conflict");
    assertThat(stale.json().path("message").asText())
        .isEqualTo("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the"
            + " latest version and try again");

    // uid and creationTimestamp cannot be changed.
    ObjectNode newUid = (ObjectNode) labelled.json().deepCopy();
    ((ObjectNode) newUid.get("metadata")).put("uid", "00000000-0000-0000-0000-000000000000");
    assertStatus(server().put(deploys() + "/web", newUid), 422, "Invalid");

    Response deleted = server().delete(deploys() + "/web");
    assertThat(deleted.code()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().path("kind").asText()).isEqualTo("Status");
    assertThat(deleted.json().path("status").asText()).isEqualTo("Success");
    assertThat(deleted.json().at("/details/uid")).isEqualTo(created.at("/metadata/uid"));
    Response missing = server().get(deploys() + "/web");
    assertStatus(missing, 404, "NotFound");
    assertThat(missing.json().path("message").asText()).isEqualTo("deployments.apps \"web\" not found");
    assertStatus(server().delete(deploys() + "/web"), 404, "NotFound");
  }

  @Test
  void generateNameAndCreateInMissingNamespace() {
    JsonNode a = created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}");
    JsonNode b = created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}");
    assertThat(a.at("/metadata/name").asText()).matches("gen-[a-z0-9]{5}");
    assertThat(b.at("/metadata/name").asText()).startsWith("gen-").isNotEqualTo(a.at("/metadata/name").asText());

    Response r = server().post("/api/v1/namespaces/" + ns + "-missing/configmaps", configMapJson(ns + "-missing", "x", "k", "v"));
    assertStatus(r, 404, "NotFound");
    assertThat(r.json().path("message").asText()).isEqualTo("namespaces \"" + ns + "-missing\" not found");
  }

  @Test
  void statusAndScaleSubresourcesTouchOnlyTheirPart() {
    JsonNode created = created(deploys(), deploymentJson(ns, "web", 2, "nginx:1.25"));

    // The main resource ignores status; the status subresource ignores everything else.
    ObjectNode withStatus = (ObjectNode) created.deepCopy();
    withStatus.putObject("status").put("replicas", 7);
    Response main = server().put(deploys() + "/web", withStatus);
    assertThat(main.code()).isEqualTo(200);
    assertThat(main.json().at("/status/replicas").isMissingNode()).isTrue();

    ObjectNode statusWrite = (ObjectNode) main.json().deepCopy();
    statusWrite.putObject("status").put("replicas", 2).put("readyReplicas", 1).put("observedGeneration", 1);
    ((ObjectNode) statusWrite.get("spec")).put("replicas", 9);
    Response status = server().put(deploys() + "/web/status", statusWrite);
    assertThat(status.code()).as(status.toString()).isEqualTo(200);
    assertThat(status.json().at("/status/readyReplicas").asInt()).isEqualTo(1);
    assertThat(status.json().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(status.json().at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(server().get(deploys() + "/web/status").json().at("/status/replicas").asInt()).isEqualTo(2);

    Response scale = server().get(deploys() + "/web/scale");
    assertThat(scale.code()).isEqualTo(200);
    assertThat(scale.json().path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.json().path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(scale.json().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(scale.json().at("/status/replicas").asInt()).isEqualTo(2);
    assertThat(scale.json().at("/status/selector").asText()).isEqualTo("app=web");

    ObjectNode newScale = (ObjectNode) scale.json().deepCopy();
    ((ObjectNode) newScale.get("spec")).put("replicas", 5);
    Response scaled = server().put(deploys() + "/web/scale", newScale);
    assertThat(scaled.code()).as(scaled.toString()).isEqualTo(200);
    assertThat(scaled.json().at("/spec/replicas").asInt()).isEqualTo(5);
    Response patched = server().send("PATCH", deploys() + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":6}}");
    assertThat(patched.code()).as(patched.toString()).isEqualTo(200);
    JsonNode after = server().get(deploys() + "/web").json();
    assertThat(after.at("/spec/replicas").asInt()).isEqualTo(6);
    assertThat(after.at("/metadata/generation").asLong()).isEqualTo(3);
    assertThat(after.at("/status/readyReplicas").asInt()).isEqualTo(1);
    // A stale Scale is refused like a stale object.
    assertStatus(server().put(deploys() + "/web/scale", newScale), 409, "Conflict");
  }

  @Test
  void finalizersHoldDeletionUntilRemovedAndDeleteCollectionHonoursSelectors() {
    created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}}");
    Response marked = server().delete(cms() + "/held");
    assertThat(marked.code()).as(marked.toString()).isEqualTo(200);
    assertThat(marked.json().path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(marked.json().at("/metadata/deletionTimestamp").isTextual()).isTrue();
    assertThat(server().get(cms() + "/held").json().at("/metadata/deletionTimestamp").isTextual()).isTrue();
    // While terminating, new finalizers cannot be added, but the object can be updated.
    Response released = server().send("PATCH", cms() + "/held", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
    assertThat(released.code()).as(released.toString()).isEqualTo(200);
    assertThat(server().get(cms() + "/held").code()).isEqualTo(404);
    // Only a client asking for cascading the old way (orphanDependents=false) gets 202.
    created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held2\",\"finalizers\":[\"example.com/hold\"]}}");
    assertThat(server().delete(cms() + "/held2?orphanDependents=false").code()).isEqualTo(202);
    server().send("PATCH", cms() + "/held2", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");

    for (int i = 0; i < 6; i++) {
      created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i + "\",\"labels\":{\"batch\":\""
          + (i % 2 == 0 ? "even" : "odd") + "\"}}}");
    }
    Response dc = server().delete(cms() + "?labelSelector=" + q("batch=even"));
    assertThat(dc.code()).as(dc.toString()).isEqualTo(200);
    assertThat(dc.json().path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(names(server().get(cms()))).containsExactly("c1", "c3", "c5");
  }

  @Test
  void garbageCollectorFollowsOwnerReferencesForEachPropagationPolicy() {
    JsonNode bg = created(cms(), configMapJson(ns, "owner-bg", "k", "v"));
    JsonNode orphan = created(cms(), configMapJson(ns, "owner-orphan", "k", "v"));
    JsonNode fg = created(cms(), configMapJson(ns, "owner-fg", "k", "v"));
    for (JsonNode owner : List.of(bg, orphan, fg)) {
      String name = owner.at("/metadata/name").asText();
      created(cms(), """
          {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dep-of-%s","ownerReferences":[
            {"apiVersion":"v1","kind":"ConfigMap","name":"%s","uid":"%s","blockOwnerDeletion":true}]}}
          """.formatted(name, name, owner.at("/metadata/uid").asText()));
    }

    assertThat(server().delete(cms() + "/owner-bg").code()).isEqualTo(200);
    await().atMost(EVENT_TIMEOUT).until(() -> server().get(cms() + "/dep-of-owner-bg").code() == 404);

    Response o = server().send(server().request(cms() + "/owner-orphan").header("Content-Type", "application/json")
        .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}"))
        .build());
    assertThat(o.code()).as(o.toString()).isEqualTo(200);
    await().atMost(EVENT_TIMEOUT).until(() -> server().get(cms() + "/owner-orphan").code() == 404);
    await().atMost(EVENT_TIMEOUT).until(() -> server().get(cms() + "/dep-of-owner-orphan").json().at("/metadata/ownerReferences").isMissingNode());

    Response f = server().delete(cms() + "/owner-fg?propagationPolicy=Foreground");
    assertThat(f.code()).as(f.toString()).isEqualTo(200);
    await().atMost(EVENT_TIMEOUT).until(() -> server().get(cms() + "/owner-fg").code() == 404);
    assertThat(server().get(cms() + "/dep-of-owner-fg").code()).as("foreground deletion removes dependents first").isEqualTo(404);
  }

  // ------------------------------------------------------------------ lists

  @Test
  void listPagesAreOneConsistentSnapshot() {
    for (int i = 0; i < 25; i++) {
      created(cms(), configMapJson(ns, "cm-%02d".formatted(i), "v", "1"));
    }
    Response first = server().get(cms() + "?limit=10");
    assertThat(names(first)).containsExactly("cm-00", "cm-01", "cm-02", "cm-03", "cm-04", "cm-05", "cm-06", "cm-07", "cm-08", "cm-09");
    JsonNode meta = first.json().get("metadata");
    assertThat(meta.path("remainingItemCount").asLong()).isEqualTo(15);
    String listRv = meta.path("resourceVersion").asText();
    String token = meta.path("continue").asText();
    assertThat(token).isNotEmpty();

    // Changes after the first page do not show in later ones.
    created(cms(), configMapJson(ns, "cm-99", "v", "1"));
    assertThat(server().put(cms() + "/cm-15", configMapJson(ns, "cm-15", "v", "2")).code()).isEqualTo(200);
    assertThat(server().delete(cms() + "/cm-20").code()).isEqualTo(200);

    List<String> all = new ArrayList<>(names(first));
    Response page = first;
    while (!page.json().at("/metadata/continue").asText().isEmpty()) {
      page = server().get(cms() + "?limit=10&continue=" + q(page.json().at("/metadata/continue").asText()));
      assertThat(page.json().at("/metadata/resourceVersion").asText()).isEqualTo(listRv);
      for (JsonNode item : page.json().get("items")) {
        if (item.at("/metadata/name").asText().equals("cm-15")) {
          assertThat(item.at("/data/v").asText()).as("cm-15 as of the snapshot").isEqualTo("1");
        }
      }
      all.addAll(names(page));
    }
    assertThat(all).hasSize(25).doesNotHaveDuplicates().contains("cm-20").doesNotContain("cm-99");
    assertThat(page.json().at("/metadata/remainingItemCount").isMissingNode()).isTrue();

    // An unpaged list is served at the latest state.
    List<String> now = names(server().get(cms()));
    assertThat(now).hasSize(25).contains("cm-99").doesNotContain("cm-20");
    Response limited = server().get(cms() + "?limit=500");
    assertThat(names(limited)).hasSize(25);
    assertThat(limited.json().at("/metadata/continue").isMissingNode() || limited.json().at("/metadata/continue").asText().isEmpty()).isTrue();
  }

  @Test
  void labelAndFieldSelectorsFilterLists() {
    for (int i = 0; i < 6; i++) {
      created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"s" + i + "\",\"labels\":{\"parity\":\""
          + (i % 2 == 0 ? "even" : "odd") + "\",\"third\":\"" + (i % 3) + "\"}}}");
    }
    created(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"plain\"}}");

    assertThat(names(server().get(cms() + "?labelSelector=" + q("parity=even")))).containsExactly("s0", "s2", "s4");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("parity==odd")))).containsExactly("s1", "s3", "s5");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("parity!=even")))).containsExactly("plain", "s1", "s3", "s5");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("third in (0,2)")))).containsExactly("s0", "s2", "s3", "s5");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("third notin (0,2)")))).containsExactly("plain", "s1", "s4");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("parity")))).hasSize(6);
    assertThat(names(server().get(cms() + "?labelSelector=" + q("!parity")))).containsExactly("plain");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("parity=even,third=1")))).containsExactly("s4");
    assertThat(names(server().get(cms() + "?labelSelector=" + q("parity=even,third=1") + "&limit=1"))).containsExactly("s4");

    assertThat(names(server().get(cms() + "?fieldSelector=" + q("metadata.name=s3")))).containsExactly("s3");
    assertThat(names(server().get(cms() + "?fieldSelector=" + q("metadata.name!=s3")))).hasSize(6).doesNotContain("s3");
    assertThat(names(server().get("/api/v1/configmaps?fieldSelector=" + q("metadata.namespace=" + ns)))).hasSize(7);
    assertThat(names(server().get("/api/v1/configmaps?fieldSelector=" + q("metadata.namespace=" + ns + ",metadata.name=s1")
        + "&labelSelector=" + q("parity=odd")))).containsExactly("s1");
    assertStatus(server().get(cms() + "?fieldSelector=" + q("spec.nothing=x")), 400, "BadRequest");
    assertStatus(server().get(cms() + "?labelSelector=" + q("parity in (even")), 400, "BadRequest");
  }

  @Test
  void listAndGetHonourResourceVersionSemantics() {
    JsonNode v1 = created(cms(), configMapJson(ns, "versioned", "v", "1"));
    Response put = server().put(cms() + "/versioned", configMapJson(ns, "versioned", "v", "2"));
    assertThat(put.code()).isEqualTo(200);
    long rv1 = rv(v1);
    long rv2 = rv(put.json());

    Response exact = server().get(cms() + "?resourceVersion=" + rv1 + "&resourceVersionMatch=Exact");
    assertThat(exact.code()).as(exact.toString()).isEqualTo(200);
    assertThat(exact.json().at("/metadata/resourceVersion").asText()).isEqualTo(Long.toString(rv1));
    assertThat(exact.json().at("/items/0/data/v").asText()).isEqualTo("1");

    Response notOlder = server().get(cms() + "?resourceVersion=" + rv1 + "&resourceVersionMatch=NotOlderThan");
    assertThat(Long.parseLong(notOlder.json().at("/metadata/resourceVersion").asText())).isGreaterThanOrEqualTo(rv2);
    assertThat(notOlder.json().at("/items/0/data/v").asText()).isEqualTo("2");
    Response plainRv = server().get(cms() + "?resourceVersion=" + rv1);
    assertThat(plainRv.json().at("/items/0/data/v").asText()).isEqualTo("2");

    await().atMost(EVENT_TIMEOUT).until(() -> server().get(cms() + "?resourceVersion=0").json().at("/items/0/data/v").asText().equals("2"));
    assertThat(server().get(cms() + "/versioned?resourceVersion=0").code()).isEqualTo(200);
    assertThat(server().get(cms() + "/versioned?resourceVersion=" + rv1).json().at("/data/v").asText()).isEqualTo("2");
    assertThat(server().get(cms() + "/versioned").json().at("/metadata/resourceVersion").asText()).isEqualTo(Long.toString(rv2));

    assertStatus(server().get(cms() + "?resourceVersionMatch=Exact"), 400, "BadRequest");
    assertStatus(server().get(cms() + "?resourceVersion=0&resourceVersionMatch=Exact"), 400, "BadRequest");
    assertStatus(server().get(cms() + "?resourceVersion=abc"), 400, "BadRequest");
    Response future = server().get(cms() + "?resourceVersion=" + (rv2 + 1_000_000) + "&resourceVersionMatch=Exact");
    assertStatus(future, 504, "Timeout");
    assertThat(future.json().path("message").asText()).startsWith("Too large resource version");
  }

  // ------------------------------------------------------------------ watches

  @Test
  void watchFromAResourceVersionDeliversEveryChangeInOrder() throws Exception {
    created(cms(), configMapJson(ns, "before", "v", "0"));
    long start = rv(server().get(cms()).json());
    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true&resourceVersion=" + start)) {
      JsonNode a = created(cms(), configMapJson(ns, "a", "v", "0"));
      List<Long> writes = new ArrayList<>(List.of(rv(a)));
      for (int i = 1; i <= 40; i++) {
        Response r = server().put(cms() + "/a", configMapJson(ns, "a", "v", Integer.toString(i)));
        assertThat(r.code()).isEqualTo(200);
        writes.add(rv(r.json()));
      }
      assertThat(server().delete(cms() + "/a").code()).isEqualTo(200);

      JsonNode added = watch.nextChange(EVENT_TIMEOUT);
      assertThat(added.path("type").asText()).isEqualTo("ADDED");
      assertThat(added.at("/object/metadata/name").asText()).isEqualTo("a");
      assertThat(added.at("/object/kind").asText()).isEqualTo("ConfigMap");
      assertThat(rv(added.get("object"))).isEqualTo(writes.get(0));
      long last = writes.get(0);
      for (int i = 1; i <= 40; i++) {
        JsonNode e = watch.nextChange(EVENT_TIMEOUT);
        assertThat(e.path("type").asText()).isEqualTo("MODIFIED");
        assertThat(e.at("/object/data/v").asText()).isEqualTo(Integer.toString(i));
        assertThat(rv(e.get("object"))).isEqualTo(writes.get(i)).isGreaterThan(last);
        last = rv(e.get("object"));
      }
      JsonNode deleted = watch.nextChange(EVENT_TIMEOUT);
      assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
      assertThat(rv(deleted.get("object"))).isGreaterThan(last);
      assertThat(watch.poll(Duration.ofMillis(300))).as("nothing after the deletion").isNull();
    }

    // A watch without a resourceVersion starts with the current state as ADDED events.
    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true")) {
      JsonNode initial = watch.nextChange(EVENT_TIMEOUT);
      assertThat(initial.path("type").asText()).isEqualTo("ADDED");
      assertThat(initial.at("/object/metadata/name").asText()).isEqualTo("before");
      created(cms(), configMapJson(ns, "after", "v", "0"));
      assertThat(watch.nextChange(EVENT_TIMEOUT).at("/object/metadata/name").asText()).isEqualTo("after");
    }
  }

  @Test
  void watchWithASelectorSeesObjectsEnterAndLeaveIt() throws Exception {
    long start = rv(server().get(cms()).json());
    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true&labelSelector=" + q("color=blue") + "&resourceVersion=" + start)) {
      String base = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"color\":\"%s\"}}}";
      created(cms(), base.formatted("red"));
      assertThat(server().put(cms() + "/x", base.formatted("blue")).code()).isEqualTo(200);
      assertThat(server().put(cms() + "/x", base.formatted("green")).code()).isEqualTo(200);
      created(cms(), base.replace("\"x\"", "\"y\"").formatted("blue"));
      assertThat(server().delete(cms() + "/x").code()).isEqualTo(200);

      JsonNode entered = watch.nextChange(EVENT_TIMEOUT);
      assertThat(entered.path("type").asText()).isEqualTo("ADDED");
      assertThat(entered.at("/object/metadata/name").asText()).isEqualTo("x");
      assertThat(entered.at("/object/metadata/labels/color").asText()).isEqualTo("blue");
      JsonNode left = watch.nextChange(EVENT_TIMEOUT);
      assertThat(left.path("type").asText()).isEqualTo("DELETED");
      assertThat(left.at("/object/metadata/name").asText()).isEqualTo("x");
      JsonNode y = watch.nextChange(EVENT_TIMEOUT);
      assertThat(y.path("type").asText()).isEqualTo("ADDED");
      assertThat(y.at("/object/metadata/name").asText()).isEqualTo("y");
      assertThat(watch.poll(Duration.ofMillis(300))).isNull();
    }
  }

  @Test
  void watchListEndsItsInitialEventsWithABookmarkAndTimeoutSecondsEndsTheWatch() throws Exception {
    created(cms(), configMapJson(ns, "one", "v", "1"));
    created(cms(), configMapJson(ns, "two", "v", "1"));
    try (RawWatch watch = RawWatch.open(server(),
        cms() + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=")) {
      List<String> initial = new ArrayList<>();
      JsonNode e;
      while ((e = watch.next(EVENT_TIMEOUT)).path("type").asText().equals("ADDED")) {
        initial.add(e.at("/object/metadata/name").asText());
      }
      assertThat(initial).containsExactlyInAnyOrder("one", "two");
      assertThat(e.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(e.at("/object/metadata/annotations/k8s.io~1initial-events-end").asText()).isEqualTo("true");
      assertThat(rv(e.get("object"))).isGreaterThanOrEqualTo(rv(server().get(cms() + "/two").json()));
    }

    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true&timeoutSeconds=1&resourceVersion=" + rv(server().get(cms()).json()))) {
      assertThat(watch.awaitEnd(EVENT_TIMEOUT)).allSatisfy(ev -> assertThat(ev.path("type").asText()).isEqualTo("BOOKMARK"));
    }
  }

  // ------------------------------------------------------------------ compaction

  @Test
  void compactionExpiresOldResourceVersionsAndContinueTokens() throws Exception {
    JsonNode v1 = created(cms(), configMapJson(ns, "old", "v", "1"));
    created(cms(), configMapJson(ns, "old2", "v", "1"));
    String token = server().get(cms() + "?limit=1").json().at("/metadata/continue").asText();
    assertThat(server().put(cms() + "/old", configMapJson(ns, "old", "v", "2")).code()).isEqualTo(200);

    long compacted = server().compact(false);
    assertThat(compacted).isGreaterThan(rv(v1));

    Response exact = server().get(cms() + "?resourceVersion=" + rv(v1) + "&resourceVersionMatch=Exact");
    assertStatus(exact, 410, "Expired");
    Response cont = server().get(cms() + "?limit=1&continue=" + q(token));
    assertStatus(cont, 410, "Expired");

    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true&resourceVersion=" + rv(v1))) {
      JsonNode error = watch.nextChange(EVENT_TIMEOUT);
      assertThat(error.path("type").asText()).isEqualTo("ERROR");
      assertThat(error.at("/object/kind").asText()).isEqualTo("Status");
      assertThat(error.at("/object/code").asInt()).isEqualTo(410);
      assertThat(error.at("/object/reason").asText()).isEqualTo("Expired");
      assertThat(watch.awaitEnd(EVENT_TIMEOUT)).isEmpty();
    }

    // Everything current still serves, and a watch from the new revision works.
    assertThat(names(server().get(cms()))).containsExactly("old", "old2");
    long now = rv(server().get(cms()).json());
    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true&resourceVersion=" + now)) {
      created(cms(), configMapJson(ns, "new", "v", "1"));
      assertThat(watch.nextChange(EVENT_TIMEOUT).at("/object/metadata/name").asText()).isEqualTo("new");
    }
  }

  @Test
  void forcedCompactionEndsOpenWatchesWithGone() throws Exception {
    created(cms(), configMapJson(ns, "w", "v", "1"));
    long start = rv(server().get(cms()).json());
    try (RawWatch a = RawWatch.open(server(), cms() + "?watch=true&resourceVersion=" + start);
        RawWatch b = RawWatch.open(server(), "/apis/apps/v1/deployments?watch=true&allowWatchBookmarks=true&resourceVersion=" + start)) {
      server().compact(true);
      for (RawWatch w : List.of(a, b)) {
        // Ended at once, not when the serving thread next wakes for a bookmark (10 s) or a poll (5 s).
        List<JsonNode> rest = w.awaitEnd(Duration.ofSeconds(4));
        List<JsonNode> errors = rest.stream().filter(ev -> ev.path("type").asText().equals("ERROR")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).at("/object/code").asInt()).isEqualTo(410);
        assertThat(rest.get(rest.size() - 1)).isEqualTo(errors.get(0));
      }
    }
    // A relist and a watch from its resourceVersion work at once.
    Response relist = server().get(cms());
    try (RawWatch watch = RawWatch.open(server(), cms() + "?watch=true&resourceVersion=" + rv(relist.json()))) {
      assertThat(server().put(cms() + "/w", configMapJson(ns, "w", "v", "2")).code()).isEqualTo(200);
      JsonNode e = watch.nextChange(EVENT_TIMEOUT);
      assertThat(e.path("type").asText()).isEqualTo("MODIFIED");
    }
  }
}
