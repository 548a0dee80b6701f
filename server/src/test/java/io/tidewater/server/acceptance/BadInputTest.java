package io.tidewater.server.acceptance;

import static io.tidewater.server.acceptance.FederationApiContract.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.server.acceptance.RunningControlPlane.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's bad-input acceptance: hundreds of generated malformed or hostile requests over raw
 * HTTP. Each must get a 4xx {@code Status} with a message (never a 5xx, never a hang); afterwards
 * the server still serves, and the objects stored before are byte for byte what they were.
 */
class BadInputTest {
  private static final String NS = "hostile";
  private static final String CMS = "/api/v1/namespaces/" + NS + "/configmaps";
  private static final String DEPLOYS = "/apis/apps/v1/namespaces/" + NS + "/deployments";
  private static final String CLUSTERS = "/apis/cluster.tidewater.io/v1alpha1/clusters";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static RunningControlPlane server;
  private static HttpClient http1;

  /** One hostile request and the status it must get (0: any 4xx). */
  record Case(String description, HttpRequest request, HttpClient client, int expected) {}

  private final List<Case> cases = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = RunningControlPlane.start("embedded");
    http1 = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(RunningControlPlane.trusting(server.controlPlane().tls().caCertificate()))
        .build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ------------------------------------------------------------------ building cases

  private HttpRequest.Builder req(String path) {
    return server.request(path).timeout(REQUEST_TIMEOUT);
  }

  private void add(String description, int expected, HttpRequest request) {
    cases.add(new Case(description, request, server.http(), expected));
  }

  private void add(String description, int expected, String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder b = req(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    add(description, expected, b.build());
  }

  private void add(String description, int expected, String method, String path, String contentType, String body) {
    add(description, expected, method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String cm(String name, String extraMeta, String rest) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"" + extraMeta + "}" + rest + "}";
  }

  private int unique;

  /** A fresh name per case, so that one wrongly accepted create cannot hide the next behind a 409. */
  private String uniq() {
    return "case-" + (++unique);
  }

  private static final String VALID_CM = cm("fresh", "", ",\"data\":{\"a\":\"b\"}");

  private void malformedBodies() {
    // Every truncation of a valid body.
    for (int cut = 1; cut < VALID_CM.length(); cut += 2) {
      add("truncated JSON at " + cut, 400, "POST", CMS, "application/json", VALID_CM.substring(0, cut));
    }
    String[] badJson = {
        "", " ", "{", "}", "{]", "[", "{\"apiVersion\":}", "{'apiVersion':'v1'}", "{\"a\":1,}", "{\"a\" 1}", "nul", "tru",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + uniq() + "\"}}garbage", "\u0000\u0001\u0002",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + uniq() + "\"},\"data\":{\"a\":\"\\x\"}}",
        "[]", "[{}]", "\"ConfigMap\"", "42", "null", "true", "1e999",
    };
    for (String b : badJson) {
      add("bad JSON " + abbreviate(b), 400, "POST", CMS, "application/json", b);
    }
    add("invalid UTF-8", 400, "POST", CMS, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
    add("JSON nested 100000 deep", 400, "POST", CMS, "application/json", "[".repeat(100_000) + "]".repeat(100_000));
    add("object nested 5000 deep in data", 0, "POST", CMS, "application/json",
        cm("deep", "", ",\"data\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
    String[] badYaml = {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n", "apiVersion: v1\n\tkind: ConfigMap\n", "a: b: c\n",
        "- just\n- a list\n", "'unterminated", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n", "!!binary notbase64",
        "key: &anchor\n  a: *undefined\n", "---\n---\n", "scalar",
    };
    for (String y : badYaml) {
      add("bad YAML " + abbreviate(y), 400, "POST", CMS, "application/yaml", y);
    }
    add("protobuf garbage", 400, "POST", CMS, "application/vnd.kubernetes.protobuf", new byte[] {'k', '8', 's', 0, 1, 2, 3, (byte) 0xff});
    add("protobuf without magic", 400, "POST", CMS, "application/vnd.kubernetes.protobuf", new byte[] {10, 20, 30});
  }

  private void wrongKinds() {
    add("Secret to configmaps", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("apps/v1 ConfigMap", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("no kind", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("no apiVersion", 400, "POST", CMS, "application/json", "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("empty kind", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("numeric kind", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":7,\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("v2 ConfigMap", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v2\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("Deployment as extensions/v1beta1", 400, "POST", DEPLOYS, "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace("apps/v1", "extensions/v1beta1"));
    add("StatefulSet to deployments", 400, "POST", DEPLOYS, "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace("\"Deployment\"", "\"StatefulSet\""));
    add("Namespace to clusters", 400, "POST", CLUSTERS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + uniq() + "\"}}");
    add("metadata is a string", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":\"x\"}");
    add("metadata is a list", 400, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":[]}");
    add("data is a list", 0, "POST", CMS, "application/json", cm(uniq(), "", ",\"data\":[1,2]"));
    add("data value is a number", 0, "POST", CMS, "application/json", cm(uniq(), "", ",\"data\":{\"a\":1}"));
    add("secret data not base64", 0, "POST", "/api/v1/namespaces/" + NS + "/secrets", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + uniq() + "\"},\"data\":{\"p\":\"not base64!\"}}");
    add("binaryData not base64", 0, "POST", CMS, "application/json", cm(uniq(), "", ",\"binaryData\":{\"a\":\"***\"}"));
    add("replicas is a string", 0, "POST", DEPLOYS, "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace("\"replicas\":1", "\"replicas\":\"many\""));
    add("replicas overflows", 0, "POST", DEPLOYS, "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace("\"replicas\":1", "\"replicas\":99999999999999999999"));
    add("replicas negative", 422, "POST", DEPLOYS, "application/json", Manifests.deploymentJson(NS, uniq(), -3, "nginx"));
    add("deployment without selector", 422, "POST", DEPLOYS, "application/json",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + uniq() + "\"},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}");
    add("selector not matching template", 422, "POST", DEPLOYS, "application/json",
        Manifests.deploymentJson(NS, "mismatched", 1, "nginx").replace("\"matchLabels\":{\"app\":\"mismatched\"}", "\"matchLabels\":{\"app\":\"other\"}"));
    add("container without image", 422, "POST", DEPLOYS, "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace(",\"image\":\"nginx\"", ""));
    add("spec is a string", 0, "POST", DEPLOYS, "application/json",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + uniq() + "\"},\"spec\":\"fast\"}");
    add("cluster spec is a number", 0, "POST", CLUSTERS, "application/json",
        "{\"apiVersion\":\"cluster.tidewater.io/v1alpha1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"c\"},\"spec\":42}");
    add("namespace of body differs from URL", 400, "POST", CMS, "application/json", cm(uniq(), ",\"namespace\":\"other\"", ""));
    add("resourceVersion set on create", 400, "POST", CMS, "application/json", cm(uniq(), ",\"resourceVersion\":\"5\"", ""));
    add("create in missing namespace", 404, "POST", "/api/v1/namespaces/nowhere/configmaps", "application/json", cm(uniq(), "", ""));
    add("PUT name differs from URL", 400, "PUT", CMS + "/keep-0", "application/json", cm("keep-1", "", ""));
  }

  private void invalidNamesAndLabels() {
    String[] badNames = {
        "UPPER", "has space", "under_score", "-lead", "trail-", ".dot", "a..b", "x".repeat(254), "ümlaut", "semi;colon",
        "new\nline", "tab\tname", "a/b", "quote\"d", "{}", "*", "%", "..", ".",
    };
    for (String n : badNames) {
      String escaped = Json.string(Json.NODES.textNode(n));
      add("configmap named " + abbreviate(n), 0, "POST", CMS, "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":" + escaped + "}}");
    }
    for (String n : new String[] {"UPPER", "dot.ted", "x".repeat(64), "-lead", "1.2"}) {
      add("namespace named " + abbreviate(n), 422, "POST", "/api/v1/namespaces", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + n + "\"}}");
    }
    for (String n : new String[] {"Upper", "x".repeat(49), "dot.ted"}) {
      add("cluster named " + abbreviate(n), 422, "POST", CLUSTERS, "application/json",
          "{\"apiVersion\":\"cluster.tidewater.io/v1alpha1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"" + n + "\"},\"spec\":{}}");
    }
    add("no name at all", 422, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}");
    add("no metadata", 422, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}");
    add("bad generateName", 422, "POST", CMS, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"Bad_\"}}");
    Map<String, String> badLabels = new LinkedHashMap<>();
    badLabels.put("\"bad key\":\"v\"", "label key with space");
    badLabels.put("\"" + "k".repeat(64) + "\":\"v\"", "label name of 64");
    badLabels.put("\"a/b/c\":\"v\"", "label key with two slashes");
    badLabels.put("\"UPPER.example.com/k\":\"v\"", "label prefix upper case");
    badLabels.put("\"k\":\"" + "v".repeat(64) + "\"", "label value of 64");
    badLabels.put("\"k\":\"has space\"", "label value with space");
    badLabels.put("\"k\":\"-lead\"", "label value leading dash");
    badLabels.put("\"/k\":\"v\"", "label empty prefix");
    badLabels.put("\"k\":7", "label value a number");
    for (Map.Entry<String, String> e : badLabels.entrySet()) {
      add(e.getValue(), 0, "POST", CMS, "application/json", cm(uniq(), ",\"labels\":{" + e.getKey() + "}", ""));
      add(e.getValue() + " (update)", 0, "PATCH", CMS + "/keep-0", "application/merge-patch+json", "{\"metadata\":{\"labels\":{" + e.getKey() + "}}}");
    }
    add("annotations over 256 KiB", 422, "POST", CMS, "application/json", cm("big-annotations", ",\"annotations\":{\"a\":\"" + "x".repeat(300_000) + "\"}", ""));
    add("bad annotation key", 422, "POST", CMS, "application/json", cm(uniq(), ",\"annotations\":{\"bad key\":\"v\"}", ""));
    add("bad finalizer", 422, "POST", CMS, "application/json", cm(uniq(), ",\"finalizers\":[\"not a name\"]", ""));
    add("bad ownerReference", 422, "POST", CMS, "application/json", cm(uniq(), ",\"ownerReferences\":[{\"name\":\"o\"}]", ""));
  }

  private void hugeBodies() {
    byte[] big = new byte[3 * 1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    byte[] bigJson = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"huge\"},\"data\":{\"a\":\"" + "x".repeat(3 * 1024 * 1024 + 10) + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    add("3 MiB + 10 of JSON", 413, "POST", CMS, "application/json", bigJson);
    add("3 MiB + 10 of junk", 413, "POST", CMS, "application/json", big);
    add("3 MiB + 10 to PUT", 413, "PUT", CMS + "/keep-0", "application/json", bigJson);
    add("3 MiB + 10 to PATCH", 413, "PATCH", CMS + "/keep-0", "application/merge-patch+json", big);
    add("3 MiB + 10 apply", 413, "PATCH", CMS + "/keep-0?fieldManager=x", "application/apply-patch+yaml", big);
    add("3 MiB + 10 as YAML", 413, "POST", CMS, "application/yaml", big);
    add("3 MiB + 10 chunked", 413, req(CMS).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bigJson))).build());
    cases.add(new Case("3 MiB + 10 over HTTP/1.1", req(CMS).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bigJson)).build(), http1, 413));
    cases.add(new Case("3 MiB + 10 chunked over HTTP/1.1", req(CMS).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bigJson))).build(), http1, 413));
  }

  private void wrongContentTypes() {
    for (String ct : new String[] {"text/plain", "application/xml", "application/octet-stream", "multipart/form-data; boundary=x",
        "garbage", "application/x-www-form-urlencoded", "image/png", "application/json-patch+json"}) {
      add("create as " + ct, 415, "POST", CMS, ct, VALID_CM);
    }
    add("PUT as text/plain", 415, "PUT", CMS + "/keep-0", "text/plain", cm("keep-0", "", ""));
    for (String ct : new String[] {"application/json", "text/plain", "application/xml", "application/yaml", "garbage"}) {
      add("PATCH as " + ct, 415, "PATCH", CMS + "/keep-0", ct, "{\"data\":{\"a\":\"z\"}}");
    }
    add("strategic merge on a Cluster", 415, "PATCH", CLUSTERS + "/keep-cluster", "application/strategic-merge-patch+json", "{\"spec\":{}}");
  }

  private void badPatches() {
    String p = CMS + "/keep-0";
    String[] badJsonPatches = {
        "{}", "\"x\"", "[{\"op\":\"explode\",\"path\":\"/data\"}]", "[{\"op\":\"add\"}]", "[{\"path\":\"/data\"}]",
        "[{\"op\":\"remove\",\"path\":\"/data/nope\"}]", "[{\"op\":\"replace\",\"path\":\"/nope/deeper\",\"value\":1}]",
        "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"wrong\"}]", "[{\"op\":\"move\",\"from\":\"/nope\",\"path\":\"/data/b\"}]",
        "[{\"op\":\"copy\",\"from\":\"/nope\",\"path\":\"/data/b\"}]", "[{\"op\":\"add\",\"path\":\"data\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/metadata/name\",\"value\":\"renamed\"}]", "[{\"op\":\"replace\",\"path\":\"/kind\",\"value\":\"Secret\"}]",
        "[{\"op\":\"add\",\"path\":\"/metadata/labels/bad key\",\"value\":\"x\"}]", "[{\"op\":\"remove\",\"path\":\"/metadata\"}]",
        "[{\"op\":\"add\",\"path\":\"/data/~2\",\"value\":\"x\"}]", "[", "", "[{\"op\":\"add\",\"path\":\"/metadata/namespace\",\"value\":\"other\"}]",
    };
    for (String b : badJsonPatches) {
      add("JSON patch " + abbreviate(b), 0, "PATCH", p, "application/json-patch+json", b);
    }
    String[] badMergePatches = {
        "", "{", "[]", "\"x\"", "{\"metadata\":{\"name\":\"renamed\"}}", "{\"kind\":\"Secret\"}", "{\"apiVersion\":\"v9\"}",
        "{\"metadata\":{\"labels\":{\"bad key\":\"x\"}}}", "{\"metadata\":{\"namespace\":\"other\"}}", "{\"metadata\":\"x\"}",
        "{\"metadata\":{\"uid\":\"changed\"}}", "{\"data\":[1]}",
    };
    add("merge patch with trailing garbage", 400, "PATCH", p, "application/merge-patch+json", "{\"data\":{\"a\":\"z\"}} trailing");
    add("JSON patch with trailing garbage", 400, "PATCH", p, "application/json-patch+json", "[] []");
    for (String b : badMergePatches) {
      add("merge patch " + abbreviate(b), 0, "PATCH", p, "application/merge-patch+json", b);
    }
    String d = DEPLOYS + "/keep-deploy";
    String[] badStrategic = {
        "", "{", "[]", "{\"spec\":{\"template\":{\"spec\":{\"containers\":\"x\"}}}}",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"no-name\"}]}}}}",
        "{\"spec\":{\"replicas\":-1}}", "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}}}}",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"$patch\":\"explode\"}]}}}}",
        "{\"$patch\":\"replace\",\"metadata\":{\"name\":\"renamed\"}}", "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":\"x\"}}}}",
        "{\"metadata\":{\"name\":\"renamed\"}}", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"ports\":[{\"containerPort\":\"eighty\"}]}]}}}}",
    };
    for (String b : badStrategic) {
      add("strategic patch " + abbreviate(b), 0, "PATCH", d, "application/strategic-merge-patch+json", b);
    }
    String[] badApply = {
        "", "{", "- a\n- b\n", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: keep-0\n", "kind: ConfigMap\nmetadata:\n  name: keep-0\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other-name\n", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep-0\ndata: [1]\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep-0\n  labels: {\"bad key\": x}\n",
    };
    for (String b : badApply) {
      add("apply " + abbreviate(b), 0, "PATCH", p + "?fieldManager=hostile", "application/apply-patch+yaml", b);
    }
    add("apply without fieldManager", 422, "PATCH", p, "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep-0\n");
    add("force on a merge patch", 422, "PATCH", p + "?force=true", "application/merge-patch+json", "{}");
    add("fieldManager of 129 characters", 422, "PATCH", p + "?fieldManager=" + "m".repeat(129), "application/merge-patch+json", "{}");
    add("apply conflicting with another manager", 409, "PATCH", d + "?fieldManager=intruder", "application/apply-patch+yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: keep-deploy\nspec:\n  replicas: 9\n");
    add("patch of a missing object", 404, "PATCH", CMS + "/missing", "application/merge-patch+json", "{}");
    add("scale patch with a string", 0, "PATCH", d + "/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":\"many\"}}");
    add("status patch with a string", 422, "PATCH", d + "/status", "application/merge-patch+json", "{\"status\":{\"replicas\":\"many\"}}");
    add("apply with a wrong type", 0, "PATCH", d + "?fieldManager=owner", "application/apply-patch+yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: keep-deploy\nspec:\n  replicas: many\n");
    add("PUT with a wrong type", 400, "PUT", CMS + "/keep-1", "application/json", cm("keep-1", "", ",\"data\":{\"a\":[\"1\"]}"));
    add("scale patch to negative", 422, "PATCH", d + "/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}");
    add("scale PUT of another kind", 400, "PUT", d + "/scale", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}");
    add("status PUT of bad JSON", 400, "PUT", d + "/status", "application/json", "{");
    add("cluster status patch with a negative count", 422, "PATCH", CLUSTERS + "/keep-cluster/status", "application/merge-patch+json",
        "{\"status\":{\"nodeSummary\":{\"totalNum\":-1,\"readyNum\":0}}}");
    add("status patch with invalid status", 422, "PATCH", d + "/status", "application/merge-patch+json", "{\"status\":{\"replicas\":-5}}");
  }

  private void badQueries() {
    String[] labelSelectors = {"a in (", "==x", "a!!=b", "a=b,,c", "a=" + "v".repeat(64), "bad key=v", "a in ()", "(a)", "a=b=c", "!", "a notin", "a in (b c)"};
    for (String s : labelSelectors) {
      add("labelSelector " + abbreviate(s), 400, req(CMS + "?labelSelector=" + q(s)).GET().build());
      add("watch labelSelector " + abbreviate(s), 400, req(CMS + "?watch=true&labelSelector=" + q(s)).GET().build());
    }
    String[] fieldSelectors = {"metadata.name", "spec.nothing=x", "=x", "status.phase=Running"};
    for (String s : fieldSelectors) {
      add("fieldSelector " + abbreviate(s), 400, req(CMS + "?fieldSelector=" + q(s)).GET().build());
    }
    for (String rv : new String[] {"abc", "-1", "1.5", "99999999999999999999", "0x10", " 1"}) {
      add("list resourceVersion " + rv, 400, req(CMS + "?resourceVersion=" + q(rv)).GET().build());
      add("watch resourceVersion " + rv, 400, req(CMS + "?watch=true&resourceVersion=" + q(rv)).GET().build());
      add("get resourceVersion " + rv, 400, req(CMS + "/keep-0?resourceVersion=" + q(rv)).GET().build());
    }
    add("resourceVersionMatch Bogus", 400, req(CMS + "?resourceVersion=1&resourceVersionMatch=Bogus").GET().build());
    add("resourceVersionMatch without resourceVersion", 400, req(CMS + "?resourceVersionMatch=Exact").GET().build());
    add("Exact with 0", 400, req(CMS + "?resourceVersion=0&resourceVersionMatch=Exact").GET().build());
    add("continue with resourceVersion", 400, req(CMS + "?limit=1&continue=abc&resourceVersion=5").GET().build());
    for (String token : new String[] {"garbage", "%%%", "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6LTEsInN0YXJ0IjoiYSJ9",
        "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NSwic3RhcnQiOiIuLi8uLi9zZWNyZXRzIn0", "eyJ2Ijoid3JvbmciLCJydiI6NSwic3RhcnQiOiJhIn0"}) {
      add("continue " + abbreviate(token), 400, req(CMS + "?limit=1&continue=" + q(token)).GET().build());
    }
    add("limit -1", 400, req(CMS + "?limit=-1").GET().build());
    add("limit abc", 400, req(CMS + "?limit=abc").GET().build());
    add("limit overflow", 400, req(CMS + "?limit=99999999999999999999").GET().build());
    add("timeoutSeconds abc", 400, req(CMS + "?watch=true&timeoutSeconds=abc").GET().build());
    add("sendInitialEvents without match", 422, req(CMS + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true").GET().build());
    add("sendInitialEvents without bookmarks", 422, req(CMS + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan").GET().build());
    add("dryRun Bogus", 400, "POST", CMS + "?dryRun=Bogus", "application/json", VALID_CM);
    add("fieldValidation Bogus", 400, "POST", CMS + "?fieldValidation=Bogus", "application/json", VALID_CM);
    add("propagationPolicy Bogus", 422, req(CMS + "/keep-0?propagationPolicy=Bogus").DELETE().build());
    add("gracePeriodSeconds abc", 400, req(CMS + "/keep-0?gracePeriodSeconds=abc").DELETE().build());
    add("orphanDependents with propagationPolicy", 422, req(CMS + "/keep-0?orphanDependents=true&propagationPolicy=Background").DELETE().build());
    add("delete body not DeleteOptions JSON", 400, req(CMS + "/keep-0").header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString("{not json")).build());
    add("delete with wrong uid precondition", 409, req(CMS + "/keep-0").header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\"nope\"}}")).build());
    add("delete with wrong resourceVersion precondition", 409, req(CMS + "/keep-0").header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"resourceVersion\":\"1\"}}")).build());
    add("deletecollection with bad selector", 400, req(CMS + "?labelSelector=" + q("a in (")).DELETE().build());
  }

  private void strictDecoding() {
    add("unknown field, Strict", 400, "POST", CMS + "?fieldValidation=Strict", "application/json", cm(uniq(), "", ",\"bogus\":1"));
    add("unknown nested field, Strict", 400, "POST", CMS + "?fieldValidation=Strict", "application/json", cm(uniq(), ",\"bogus\":1", ""));
    add("unknown deployment field, Strict", 400, "POST", DEPLOYS + "?fieldValidation=Strict", "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace("\"replicas\":1", "\"replicas\":1,\"replicaz\":2"));
    add("unknown container field, Strict", 400, "POST", DEPLOYS + "?fieldValidation=Strict", "application/json",
        Manifests.deploymentJson(NS, uniq(), 1, "nginx").replace("\"image\":\"nginx\"", "\"image\":\"nginx\",\"imag\":\"x\""));
    add("duplicate field, Strict", 400, "POST", CMS + "?fieldValidation=Strict", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + uniq() + "\",\"name\":\"" + uniq() + "\"}}");
    add("duplicate data key, Strict", 400, "POST", CMS + "?fieldValidation=Strict", "application/json", cm(uniq(), "", ",\"data\":{\"a\":\"1\",\"a\":\"2\"}"));
    add("unknown field on PUT, Strict", 400, "PUT", CMS + "/keep-0?fieldValidation=Strict", "application/json", cm("keep-0", "", ",\"bogus\":1"));
    add("unknown field in merge patch, Strict", 400, "PATCH", CMS + "/keep-0?fieldValidation=Strict", "application/merge-patch+json", "{\"bogus\":1}");
    add("unknown field in apply, Strict", 400, "PATCH", CMS + "/keep-0?fieldManager=s&fieldValidation=Strict", "application/apply-patch+yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep-0\nbogus: 1\n");
    add("unknown field in YAML, Strict", 400, "POST", CMS + "?fieldValidation=Strict", "application/yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\nbogus: 1\n");
  }

  private void conflictsAndMissing() {
    add("create existing", 409, "POST", CMS, "application/json", cm("keep-0", "", ""));
    add("stale PUT", 409, "PUT", CMS + "/keep-0", "application/json", cm("keep-0", ",\"resourceVersion\":\"1\"", ",\"data\":{\"z\":\"z\"}"));
    add("PUT with garbage resourceVersion", 0, "PUT", CMS + "/keep-0", "application/json", cm("keep-0", ",\"resourceVersion\":\"abc\"", ""));
    add("PUT with changed uid", 0, "PUT", CMS + "/keep-0", "application/json", cm("keep-0", ",\"uid\":\"00000000-0000-0000-0000-000000000000\"", ""));
    add("get missing", 404, req(CMS + "/missing").GET().build());
    add("delete missing", 404, req(CMS + "/missing").DELETE().build());
    add("unknown resource", 404, req("/api/v1/namespaces/" + NS + "/widgets").GET().build());
    add("unknown group", 404, req("/apis/nope.example.com/v1/widgets").GET().build());
    add("unknown version", 404, req("/apis/apps/v9/deployments").GET().build());
    add("unknown subresource", 404, req(CMS + "/keep-0/exec").GET().build());
    add("status of a kind without status", 404, req(CMS + "/keep-0/status").GET().build());
    add("scale of a configmap", 404, req(CMS + "/keep-0/scale").GET().build());
    add("namespaced path for a cluster-scoped kind", 404, req("/apis/cluster.tidewater.io/v1alpha1/namespaces/" + NS + "/clusters").GET().build());
    add("traversal in name", 0, req(CMS + "/..%2f..%2fsecrets").GET().build());
    add("dot-dot name", 0, req(CMS + "/..").DELETE().build());
    add("dot name", 0, req(CMS + "/.").DELETE().build());
    add("dot-dot inside the path", 0, req(CMS + "/../../" + NS).DELETE().build());
    add("dot-dot to another namespace's secret", 0, req(CMS + "/../../default/secrets").GET().build());
    add("encoded slash in namespace", 0, req("/api/v1/namespaces/a%2Fb/configmaps").GET().build());
    add("name of 300 characters", 0, req(CMS + "/" + "n".repeat(300)).GET().build());
    add("NUL in name", 0, req(CMS + "/a%00b").GET().build());
  }

  private void wrongMethods() {
    add("PUT on a collection", 405, "PUT", CMS, "application/json", VALID_CM);
    add("PATCH on a collection", 405, "PATCH", CMS, "application/merge-patch+json", "{}");
    add("POST on an object", 405, "POST", CMS + "/keep-0", "application/json", VALID_CM);
    add("POST on a deployment", 405, "POST", DEPLOYS + "/keep-deploy", "application/json", "{}");
    add("DELETE on status", 405, req(DEPLOYS + "/keep-deploy/status").DELETE().build());
    add("POST on status", 405, "POST", DEPLOYS + "/keep-deploy/status", "application/json", "{}");
    add("DELETE on scale", 405, req(DEPLOYS + "/keep-deploy/scale").DELETE().build());
    add("POST to compaction with GET", 405, req("/debug/tidewater/compact").GET().build());
    add("OPTIONS on an object", 405, req(CMS + "/keep-0").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    add("FOO on a collection", 405, req(CMS).method("FOO", HttpRequest.BodyPublishers.noBody()).build());
  }

  private void missingAuth() {
    String[] paths = {CMS, CMS + "/keep-0", DEPLOYS, "/api", "/apis", "/api/v1", "/openapi/v3", "/metrics", "/debug/tidewater/compact", "/version/nope"};
    for (String path : paths) {
      add("no token " + path, 401, HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(REQUEST_TIMEOUT).GET().build());
    }
    for (String auth : new String[] {"Bearer wrong", "Bearer ", "Basic YWRtaW46YWRtaW4=", "bearer " + server.token() + "x", "Token " + server.token(), "Bearer " + server.token().toUpperCase()}) {
      add("Authorization " + abbreviate(auth), 401,
          HttpRequest.newBuilder(URI.create(server.url() + CMS)).timeout(REQUEST_TIMEOUT).header("Authorization", auth).GET().build());
    }
    add("no token on a write", 401, HttpRequest.newBuilder(URI.create(server.url() + CMS)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(VALID_CM)).build());
    add("no token on a delete", 401, HttpRequest.newBuilder(URI.create(server.url() + CMS + "/keep-0")).timeout(REQUEST_TIMEOUT).DELETE().build());
    add("no token on compaction", 401, HttpRequest.newBuilder(URI.create(server.url() + "/debug/tidewater/compact")).timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static String abbreviate(String s) {
    String one = s.replace("\n", "\\n").replace("\t", "\\t");
    return one.length() > 40 ? one.substring(0, 40) + "…(" + s.length() + ")" : one;
  }

  // ------------------------------------------------------------------ the test

  /** The objects stored before, by path, as the server returns them. */
  private static Map<String, String> snapshot(List<String> paths) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : paths) {
      Response r = server.get(p);
      assertThat(r.code()).as(p + ": " + r).isEqualTo(200);
      m.put(p, r.body());
    }
    return m;
  }

  @Test
  void hostileRequestsGetA4xxStatusAndChangeNothing() throws Exception {
    server.createNamespace(NS);
    for (int i = 0; i < 3; i++) {
      assertThat(server.post(CMS, cm("keep-" + i, ",\"labels\":{\"set\":\"keep\"}", ",\"data\":{\"a\":\"" + i + "\"}")).code()).isEqualTo(201);
    }
    assertThat(server.post("/api/v1/namespaces/" + NS + "/secrets",
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"keep-secret\"},\"data\":{\"p\":\"cDQ1NXcwcmQ=\"}}").code()).isEqualTo(201);
    Response dep = server.send("PATCH", DEPLOYS + "/keep-deploy?fieldManager=owner", "application/apply-patch+yaml",
        Manifests.deployment(NS, "keep-deploy", 2, "nginx:1.25").replace("  name: keep-deploy\n  namespace: " + NS + "\n", "  name: keep-deploy\n"));
    assertThat(dep.code()).as(dep.toString()).isEqualTo(201);
    Response cluster = server.post(CLUSTERS,
        "{\"apiVersion\":\"cluster.tidewater.io/v1alpha1\",\"kind\":\"Cluster\",\"metadata\":{\"name\":\"keep-cluster\"},\"spec\":{\"tier\":\"idc\",\"simulated\":{\"nodePools\":[{\"name\":\"p\",\"count\":2,\"cpu\":\"64\",\"memory\":\"256Gi\"}]}}}");
    assertThat(cluster.code()).as(cluster.toString()).isEqualTo(201);
    List<String> kept = List.of(CMS + "/keep-0", CMS + "/keep-1", CMS + "/keep-2", "/api/v1/namespaces/" + NS + "/secrets/keep-secret",
        DEPLOYS + "/keep-deploy", CLUSTERS + "/keep-cluster", "/api/v1/namespaces/" + NS);
    Map<String, String> before = snapshot(kept);
    String listBefore = server.get(CMS).json().get("items").toString();

    malformedBodies();
    wrongKinds();
    invalidNamesAndLabels();
    hugeBodies();
    wrongContentTypes();
    badPatches();
    badQueries();
    strictDecoding();
    conflictsAndMissing();
    wrongMethods();
    missingAuth();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      String problem = check(c);
      if (problem != null) {
        failures.add(c.description() + " -> " + problem);
      }
    }
    assertThat(failures).as(failures.size() + " of " + cases.size() + " hostile requests were mishandled").isEmpty();

    // Still serving, and nothing stored before changed or appeared.
    assertThat(server.get("/readyz").code()).isEqualTo(200);
    assertThat(snapshot(kept)).isEqualTo(before);
    assertThat(server.get(CMS).json().get("items").toString()).isEqualTo(listBefore);
    assertThat(server.post(CMS, VALID_CM).code()).isEqualTo(201);
  }

  /** Null if the case got what it must; otherwise what went wrong. */
  private static String check(Case c) {
    HttpResponse<String> r;
    try {
      r = c.client().send(c.request(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      return "no answer within " + REQUEST_TIMEOUT;
    } catch (IOException e) {
      return "connection failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    int code = r.statusCode();
    if (code < 400 || code > 499) {
      return "HTTP " + code + ": " + abbreviate(r.body());
    }
    if (c.expected() != 0 && code != c.expected()) {
      return "HTTP " + code + " instead of " + c.expected() + ": " + abbreviate(r.body());
    }
    JsonNode status;
    try {
      status = Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return "HTTP " + code + " without a JSON body: " + abbreviate(r.body());
    }
    if (!status.path("kind").asText().equals("Status") || !status.path("status").asText().equals("Failure")
        || status.path("code").asInt() != code || status.path("message").asText().isBlank() || status.path("reason").asText().isBlank()) {
      return "HTTP " + code + " without a proper Status: " + abbreviate(r.body());
    }
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      return "Status not served as JSON: " + r.headers().firstValue("Content-Type");
    }
    return null;
  }
}
