package io.tidewater.apiserver.rest;

import static io.tidewater.apiserver.testing.TestApiServer.configMap;
import static io.tidewater.apiserver.testing.TestApiServer.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.testing.TestApiServer;
import io.tidewater.apiserver.testing.TestApiServer.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write semantics of the generic registry: optimistic concurrency, generation, the status and
 * scale subresources, dry runs, generateName, finalizers and graceful deletion, delete
 * preconditions, deletecollection and managedFields.
 */
class WriteSemanticsTest {
  private static final String MERGE = "application/merge-patch+json";
  private static final String APPLY = "application/apply-patch+yaml";
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

  private JsonNode created(String path, Object body) {
    Response r = api.post(path, body);
    assertThat(r.code()).as("%s", r).isEqualTo(201);
    return r.json();
  }

  private static ObjectNode copy(JsonNode n) {
    return (ObjectNode) n.deepCopy();
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void aStaleResourceVersionConflictsAndAnUnsetOneDoesNot() {
    JsonNode v1 = created(cms(), configMap("a"));
    ObjectNode first = copy(v1);
    first.withObject("/data").put("k", "first");
    Response ok = api.put(cms() + "/a", first);
    assertThat(ok.code()).isEqualTo(200);
    assertThat(ok.rv()).isNotEqualTo(v1.path("metadata").path("resourceVersion").asText());

    ObjectNode stale = copy(v1);
    stale.withObject("/data").put("k", "stale");
    Response conflict = api.put(cms() + "/a", stale);
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.reason()).isEqualTo("Conflict");
    assertThat(conflict.json().path("details").path("name").asText()).isEqualTo("a");
    assertThat(api.get(cms() + "/a").json().path("data").path("k").asText()).isEqualTo("first");

    ObjectNode unconditional = copy(v1);
    ((ObjectNode) unconditional.get("metadata")).remove("resourceVersion");
    unconditional.withObject("/data").put("k", "last");
    assertThat(api.put(cms() + "/a", unconditional).code()).isEqualTo(200);

    Response stalePatch = api.patch(cms() + "/a", MERGE,
        "{\"metadata\":{\"resourceVersion\":\"" + v1.path("metadata").path("resourceVersion").asText() + "\"},\"data\":{\"k\":\"x\"}}");
    assertThat(stalePatch.code()).isEqualTo(409);
  }

  @Test
  void concurrentPatchesAreAllAppliedAndConcurrentPutsConflict() throws Exception {
    JsonNode v1 = created(cms(), configMap("counter"));
    List<Integer> codes = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 10; i++) {
          codes.add(api.patch(cms() + "/counter", "application/json-patch+json",
              "[{\"op\":\"add\",\"path\":\"/data/t" + thread + "-" + i + "\",\"value\":\"x\"}]").code());
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(codes).hasSize(40).containsOnly(200);
    assertThat(api.get(cms() + "/counter").json().path("data").size()).isEqualTo(41);

    // PUTs of the same version: exactly one wins, the others conflict.
    JsonNode current = api.get(cms() + "/counter").json();
    List<Integer> putCodes = java.util.Collections.synchronizedList(new ArrayList<>());
    threads.clear();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      threads.add(Thread.ofVirtual().start(() -> {
        ObjectNode body = copy(current);
        body.withObject("/data").put("winner", "t" + thread);
        putCodes.add(api.put(cms() + "/counter", body).code());
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(putCodes).hasSize(6).containsOnly(200, 409);
    assertThat(putCodes.stream().filter(c -> c == 200).count()).isEqualTo(1);
  }

  @Test
  void creatingTwiceIsAlreadyExistsAndMissingObjectsAreNotFound() {
    created(cms(), configMap("a"));
    Response again = api.post(cms(), configMap("a"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.reason()).isEqualTo("AlreadyExists");
    assertThat(api.get(cms() + "/nope").code()).isEqualTo(404);
    assertThat(api.put(cms() + "/nope", configMap("nope")).code()).isEqualTo(404);
    assertThat(api.patch(cms() + "/nope", MERGE, "{}").code()).isEqualTo(404);
    assertThat(api.delete(cms() + "/nope").code()).isEqualTo(404);
  }

  @Test
  void systemMetadataCannotBeChangedByUpdates() {
    JsonNode v1 = created(cms(), configMap("a"));
    ObjectNode changed = copy(v1);
    ((ObjectNode) changed.get("metadata")).put("creationTimestamp", "2001-01-01T00:00:00Z");
    Response r = api.put(cms() + "/a", changed);
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.json().path("metadata").path("creationTimestamp")).isEqualTo(v1.path("metadata").path("creationTimestamp"));
    ObjectNode otherUid = copy(r.json());
    ((ObjectNode) otherUid.get("metadata")).put("uid", "00000000-0000-0000-0000-000000000000");
    Response invalid = api.put(cms() + "/a", otherUid);
    assertThat(invalid.code()).isEqualTo(422);
    assertThat(invalid.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.uid");
  }

  // ------------------------------------------------------------------ generation, status, scale

  @Test
  void generationCountsSpecChangesOnly() {
    JsonNode d = created(deploys(), deployment("web", 1));
    assertThat(d.path("metadata").path("generation").asLong()).isEqualTo(1);
    JsonNode labelled = api.patch(deploys() + "/web", MERGE, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").json();
    assertThat(labelled.path("metadata").path("generation").asLong()).isEqualTo(1);
    JsonNode status = api.patch(deploys() + "/web/status", MERGE, "{\"status\":{\"observedGeneration\":1,\"replicas\":1}}").json();
    assertThat(status.path("metadata").path("generation").asLong()).isEqualTo(1);
    JsonNode spec = api.patch(deploys() + "/web", MERGE, "{\"spec\":{\"replicas\":3}}").json();
    assertThat(spec.path("metadata").path("generation").asLong()).isEqualTo(2);
    JsonNode template = api.patch(deploys() + "/web", MERGE,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}}}").json();
    assertThat(template.path("metadata").path("generation").asLong()).isEqualTo(3);
    Response noop = api.patch(deploys() + "/web", MERGE, "{\"spec\":{\"replicas\":3}}");
    assertThat(noop.json().path("metadata").path("generation").asLong()).isEqualTo(3);
    assertThat(noop.rv()).as("a no-op update writes nothing").isEqualTo(template.path("metadata").path("resourceVersion").asText());
    // Configmaps have no spec and no generation.
    assertThat(created(cms(), configMap("a")).path("metadata").has("generation")).isFalse();
  }

  @Test
  void statusAndMainResourceWritesAreSeparate() {
    ObjectNode body = deployment("web", 2);
    body.putObject("status").put("replicas", 99);
    JsonNode d = created(deploys(), body);
    assertThat(d.path("status").path("replicas").asInt(0)).as("status is dropped on create").isZero();

    ObjectNode viaMain = copy(d);
    viaMain.withObject("/status").put("replicas", 5);
    viaMain.withObject("/spec").put("replicas", 4);
    JsonNode afterMain = api.put(deploys() + "/web", viaMain).json();
    assertThat(afterMain.path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(afterMain.path("status").path("replicas").asInt(0)).as("the main resource ignores status").isZero();

    ObjectNode viaStatus = copy(afterMain);
    viaStatus.withObject("/status").put("replicas", 3);
    viaStatus.withObject("/spec").put("replicas", 10);
    ((ObjectNode) viaStatus.get("metadata")).putObject("labels").put("sneaky", "true");
    Response status = api.put(deploys() + "/web/status", viaStatus);
    assertThat(status.code()).as("%s", status).isEqualTo(200);
    assertThat(status.json().path("status").path("replicas").asInt()).isEqualTo(3);
    assertThat(status.json().path("spec").path("replicas").asInt()).as("status ignores spec").isEqualTo(4);
    assertThat(status.json().path("metadata").path("labels").has("sneaky")).as("and labels").isFalse();

    JsonNode got = api.get(deploys() + "/web/status").json();
    assertThat(got.path("kind").asText()).isEqualTo("Deployment");
    assertThat(got.path("status").path("replicas").asInt()).isEqualTo(3);
    ObjectNode staleStatus = copy(afterMain);
    assertThat(api.put(deploys() + "/web/status", staleStatus).code()).isEqualTo(409);

    // Kinds without a status subresource have no /status.
    created(cms(), configMap("a"));
    assertThat(api.get(cms() + "/a/status").code()).isEqualTo(404);
  }

  @Test
  void theScaleSubresourceReadsAndWritesReplicas() {
    created(deploys(), deployment("web", 2));
    Response scale = api.get(deploys() + "/web/scale");
    assertThat(scale.code()).isEqualTo(200);
    JsonNode s = scale.json();
    assertThat(s.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
    assertThat(s.path("kind").asText()).isEqualTo("Scale");
    assertThat(s.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(s.path("status").path("selector").asText()).isEqualTo("app=web");
    assertThat(s.path("metadata").path("name").asText()).isEqualTo("web");

    ObjectNode put = copy(s);
    put.withObject("/spec").put("replicas", 5);
    Response afterPut = api.put(deploys() + "/web/scale", put);
    assertThat(afterPut.code()).as("%s", afterPut).isEqualTo(200);
    assertThat(afterPut.json().path("spec").path("replicas").asInt()).isEqualTo(5);
    JsonNode d = api.get(deploys() + "/web").json();
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(d.path("metadata").path("generation").asLong()).isEqualTo(2);

    assertThat(api.put(deploys() + "/web/scale", s).code()).as("a stale Scale conflicts").isEqualTo(409);

    Response patched = api.patch(deploys() + "/web/scale", MERGE, "{\"spec\":{\"replicas\":7}}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.json().path("spec").path("replicas").asInt()).isEqualTo(7);
    Response json = api.patch(deploys() + "/web/scale", "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]");
    assertThat(json.json().path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(api.get(deploys() + "/web").json().path("spec").path("replicas").asInt()).isEqualTo(1);

    Response negative = api.patch(deploys() + "/web/scale", MERGE, "{\"spec\":{\"replicas\":-1}}");
    assertThat(negative.code()).isEqualTo(422);
    assertThat(api.get(cms() + "/x/scale").code()).isEqualTo(404);
  }

  // ------------------------------------------------------------------ dry run

  @Test
  void dryRunStoresNothing() {
    Response dryCreate = api.post(cms() + "?dryRun=All", configMap("dry"));
    assertThat(dryCreate.code()).isEqualTo(201);
    assertThat(dryCreate.json().path("metadata").path("uid").asText()).isNotEmpty();
    assertThat(api.get(cms() + "/dry").code()).isEqualTo(404);

    JsonNode real = created(cms(), configMap("real"));
    ObjectNode changed = copy(real);
    changed.withObject("/data").put("k", "changed");
    Response dryUpdate = api.put(cms() + "/real?dryRun=All", changed);
    assertThat(dryUpdate.code()).isEqualTo(200);
    assertThat(dryUpdate.json().path("data").path("k").asText()).isEqualTo("changed");
    Response dryPatch = api.patch(cms() + "/real?dryRun=All", MERGE, "{\"data\":{\"k\":\"patched\"}}");
    assertThat(dryPatch.json().path("data").path("k").asText()).isEqualTo("patched");
    Response dryApply = api.patch(cms() + "/real?dryRun=All&fieldManager=m&force=true", APPLY,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: real\ndata:\n  k: applied\n");
    assertThat(dryApply.code()).as("%s", dryApply).isEqualTo(200);
    Response dryApplyCreate = api.patch(cms() + "/brand-new?dryRun=All&fieldManager=m", APPLY,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: brand-new\n");
    assertThat(dryApplyCreate.code()).as("%s", dryApplyCreate).isEqualTo(201);
    assertThat(api.get(cms() + "/brand-new").code()).isEqualTo(404);
    Response dryDelete = api.delete(cms() + "/real?dryRun=All");
    assertThat(dryDelete.code()).isEqualTo(200);
    Response dryCollection = api.delete(cms() + "?dryRun=All");
    assertThat(dryCollection.code()).isEqualTo(200);

    JsonNode after = api.get(cms() + "/real").json();
    assertThat(after).isEqualTo(real);
    assertThat(api.delete(cms() + "/real?dryRun=Maybe").code()).isEqualTo(400);
    assertThat(api.post(cms() + "?dryRun=Maybe", configMap("x")).code()).isEqualTo(400);
  }

  // ------------------------------------------------------------------ names

  @Test
  void generateNameMakesUniqueNames() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ObjectNode cm = configMap(null);
      ((ObjectNode) cm.get("metadata")).put("generateName", "web-");
      JsonNode c = created(cms(), cm);
      String name = c.path("metadata").path("name").asText();
      assertThat(name).matches("web-[a-z0-9]{5}");
      assertThat(c.path("metadata").path("generateName").asText()).isEqualTo("web-");
      names.add(name);
    }
    assertThat(names).hasSize(5);
    Response neither = api.post(cms(), configMap(null));
    assertThat(neither.code()).isEqualTo(422);
  }

  // ------------------------------------------------------------------ deletion

  @Test
  void finalizersHoldADeletedObjectUntilTheyAreRemoved() {
    ObjectNode cm = configMap("held");
    ((ObjectNode) cm.get("metadata")).putArray("finalizers").add("example.com/hold");
    created(cms(), cm);
    Response del = api.delete(cms() + "/held");
    assertThat(del.code()).isIn(200, 202);
    assertThat(del.json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    JsonNode marked = api.get(cms() + "/held").json();
    String deletionTimestamp = marked.path("metadata").path("deletionTimestamp").asText();
    assertThat(deletionTimestamp).isNotEmpty();
    assertThat(marked.path("metadata").path("deletionGracePeriodSeconds").asInt()).isZero();

    // Deleting again changes nothing; updates cannot clear the mark or add finalizers.
    assertThat(api.delete(cms() + "/held").code()).isIn(200, 202);
    ObjectNode unmark = copy(api.get(cms() + "/held").json());
    ((ObjectNode) unmark.get("metadata")).remove("deletionTimestamp");
    unmark.withObject("/data").put("k", "still editable");
    Response edited = api.put(cms() + "/held", unmark);
    assertThat(edited.code()).isEqualTo(200);
    assertThat(edited.json().path("metadata").path("deletionTimestamp").asText()).isEqualTo(deletionTimestamp);
    Response more = api.patch(cms() + "/held", "application/json-patch+json",
        "[{\"op\":\"add\",\"path\":\"/metadata/finalizers/-\",\"value\":\"example.com/other\"}]");
    assertThat(more.code()).as("no new finalizers on an object being deleted: %s", more).isEqualTo(422);

    Response release = api.patch(cms() + "/held", MERGE, "{\"metadata\":{\"finalizers\":null}}");
    assertThat(release.code()).isEqualTo(200);
    assertThat(api.get(cms() + "/held").code()).isEqualTo(404);
  }

  @Test
  void deletePreconditionsMustMatch() {
    JsonNode a = created(cms(), configMap("a"));
    String uid = a.path("metadata").path("uid").asText();
    String rv = a.path("metadata").path("resourceVersion").asText();
    api.patch(cms() + "/a", MERGE, "{\"data\":{\"k\":\"2\"}}");
    Response wrongRv = api.delete(cms() + "/a", Map.of("kind", "DeleteOptions", "apiVersion", "v1", "preconditions", Map.of("resourceVersion", rv)));
    assertThat(wrongRv.code()).isEqualTo(409);
    Response wrongUid = api.delete(cms() + "/a", Map.of("preconditions", Map.of("uid", "not-" + uid)));
    assertThat(wrongUid.code()).isEqualTo(409);
    assertThat(wrongUid.reason()).isEqualTo("Conflict");
    assertThat(api.get(cms() + "/a").code()).isEqualTo(200);
    Response right = api.delete(cms() + "/a", Map.of("preconditions", Map.of("uid", uid)));
    assertThat(right.code()).isEqualTo(200);
    assertThat(right.json().path("status").asText()).isEqualTo("Success");
    assertThat(right.json().path("details").path("uid").asText()).isEqualTo(uid);
    assertThat(api.get(cms() + "/a").code()).isEqualTo(404);
  }

  @Test
  void deleteCollectionHonoursSelectors() {
    for (int i = 0; i < 6; i++) {
      created(cms(), configMap("cm-" + i, Map.of("group", i % 2 == 0 ? "even" : "odd"), Map.of()));
    }
    String other = api.newNamespace();
    created("/api/v1/namespaces/" + other + "/configmaps", configMap("cm-0", Map.of("group", "even"), Map.of()));
    Response del = api.delete(cms() + "?labelSelector=group%3Deven");
    assertThat(del.code()).isEqualTo(200);
    assertThat(del.json().path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(del.names()).containsExactlyInAnyOrder("cm-0", "cm-2", "cm-4");
    assertThat(api.get(cms()).names()).containsExactly("cm-1", "cm-3", "cm-5");
    assertThat(api.delete(cms() + "?fieldSelector=metadata.name%3Dcm-3").names()).containsExactly("cm-3");
    assertThat(api.get(cms()).names()).containsExactly("cm-1", "cm-5");
    assertThat(api.get("/api/v1/namespaces/" + other + "/configmaps").names()).as("other namespaces untouched").containsExactly("cm-0");
    assertThat(api.delete(cms()).names()).containsExactly("cm-1", "cm-5");
    assertThat(api.get(cms()).names()).isEmpty();
  }

  // ------------------------------------------------------------------ managedFields

  private static List<String> managers(JsonNode obj) {
    List<String> out = new ArrayList<>();
    obj.path("metadata").path("managedFields").forEach(e -> out.add(e.path("manager").asText() + "/" + e.path("operation").asText()));
    return out;
  }

  private static JsonNode entry(JsonNode obj, String manager) {
    for (JsonNode e : obj.path("metadata").path("managedFields")) {
      if (e.path("manager").asText().equals(manager)) {
        return e;
      }
    }
    return null;
  }

  @Test
  void managedFieldsRecordEveryWriter() {
    JsonNode c = created(cms() + "?fieldManager=alice", configMap("a", Map.of(), Map.of("alice", "1")));
    assertThat(managers(c)).containsExactly("alice/Update");
    assertThat(entry(c, "alice").path("fieldsV1").path("f:data").has("f:alice")).isTrue();
    assertThat(entry(c, "alice").path("apiVersion").asText()).isEqualTo("v1");
    assertThat(entry(c, "alice").path("fieldsType").asText()).isEqualTo("FieldsV1");

    ObjectNode upd = copy(c);
    ((ObjectNode) upd.get("data")).put("bob", "1");
    JsonNode u = api.put(cms() + "/a?fieldManager=bob", upd).json();
    assertThat(managers(u)).containsExactlyInAnyOrder("alice/Update", "bob/Update");
    assertThat(entry(u, "bob").path("fieldsV1").path("f:data").has("f:bob")).isTrue();

    JsonNode p = api.patch(cms() + "/a?fieldManager=carol", MERGE, "{\"data\":{\"carol\":\"1\"}}").json();
    assertThat(managers(p)).containsExactlyInAnyOrder("alice/Update", "bob/Update", "carol/Update");

    JsonNode ua = api.patch(cms() + "/a", MERGE, "{\"data\":{\"agent\":\"1\"}}", "User-Agent", "kubectl/v1.31.0 (linux/amd64)").json();
    assertThat(managers(ua)).contains("kubectl/Update");

    Response applied = api.patch(cms() + "/a?fieldManager=dave", APPLY, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  dave: \"1\"\n");
    assertThat(applied.code()).as("%s", applied).isEqualTo(200);
    assertThat(managers(applied.json())).contains("dave/Apply");
    assertThat(entry(applied.json(), "dave").path("fieldsV1").path("f:data").has("f:dave")).isTrue();

    Response conflict = api.patch(cms() + "/a?fieldManager=erin", APPLY, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  dave: \"2\"\n");
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.reason()).isEqualTo("Conflict");
    assertThat(conflict.json().path("details").path("causes").get(0).path("field").asText()).isEqualTo(".data.dave");
    assertThat(conflict.json().path("message").asText()).contains("dave");

    Response forced = api.patch(cms() + "/a?fieldManager=erin&force=true", APPLY,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  dave: \"2\"\n");
    assertThat(forced.code()).isEqualTo(200);
    assertThat(forced.json().path("data").path("dave").asText()).isEqualTo("2");
    assertThat(entry(forced.json(), "erin").path("fieldsV1").path("f:data").has("f:dave")).isTrue();
    JsonNode dave = entry(forced.json(), "dave");
    assertThat(dave == null || !dave.path("fieldsV1").path("f:data").has("f:dave")).as("dave lost the field").isTrue();

    Response noManager = api.patch(cms() + "/a", APPLY, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    assertThat(noManager.code()).isEqualTo(422);

    Response dryRun = api.patch(cms() + "/a?dryRun=All&fieldManager=frank", MERGE, "{\"data\":{\"frank\":\"1\"}}");
    assertThat(managers(dryRun.json())).contains("frank/Update");
    assertThat(managers(api.get(cms() + "/a").json())).doesNotContain("frank/Update");
  }

  @Test
  void subresourceWritesAreRecordedWithTheirSubresource() {
    created(deploys() + "?fieldManager=creator", deployment("web", 1));
    JsonNode s = api.patch(deploys() + "/web/status?fieldManager=controller", MERGE, "{\"status\":{\"replicas\":1}}").json();
    JsonNode e = entry(s, "controller");
    assertThat(e).isNotNull();
    assertThat(e.path("subresource").asText()).isEqualTo("status");
    assertThat(e.path("fieldsV1").path("f:status").has("f:replicas")).isTrue();
    JsonNode sc = api.patch(deploys() + "/web/scale?fieldManager=scaler", MERGE, "{\"spec\":{\"replicas\":3}}").json();
    assertThat(sc.path("spec").path("replicas").asInt()).isEqualTo(3);
    JsonNode scaled = entry(api.get(deploys() + "/web").json(), "scaler");
    assertThat(scaled).isNotNull();
    assertThat(scaled.path("subresource").asText()).isEqualTo("scale");
    assertThat(scaled.path("fieldsV1").path("f:spec").has("f:replicas")).isTrue();
  }

  @Test
  void unknownFieldsFollowFieldValidation() {
    ObjectNode cm = configMap("a");
    cm.put("bogus", 1);
    Response strict = api.post(cms() + "?fieldValidation=Strict", cm);
    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.json().path("message").asText()).contains("unknown field \"bogus\"");
    Response warn = api.post(cms() + "?fieldValidation=Warn", cm);
    assertThat(warn.code()).isEqualTo(201);
    assertThat(warn.headers().allValues("Warning")).anyMatch(w -> w.contains("bogus"));
    assertThat(warn.json().has("bogus")).isFalse();
    assertThat(Json.string(api.get(cms() + "/a").json())).doesNotContain("bogus");
    ObjectNode unspecified = configMap("b");
    unspecified.withObject("/metadata").put("bogusMeta", "x");
    assertThat(api.post(cms(), unspecified).code()).isEqualTo(201);
    Response patched = api.patch(cms() + "/b?fieldValidation=Ignore", MERGE, "{\"spec\":{\"x\":1},\"data\":{\"k\":\"2\"}}");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(Json.string(api.get(cms() + "/b").json())).doesNotContain("bogus").doesNotContain("spec");
    assertThat(api.patch(cms() + "/b?fieldValidation=Strict", MERGE, "{\"spec\":{\"x\":1}}").code()).isEqualTo(400);
  }
}
