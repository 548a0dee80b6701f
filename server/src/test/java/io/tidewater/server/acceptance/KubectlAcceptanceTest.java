package io.tidewater.server.acceptance;

import static io.tidewater.server.acceptance.Manifests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.apiserver.testing.Kubectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue 2's kubectl acceptance: the machine's real kubectl (picked by the dispatcher for the
 * server's version) against a running control plane, with the output and exit codes a real cluster
 * gives. One control plane for the class; one namespace per test.
 */
class KubectlAcceptanceTest {
  private static RunningControlPlane server;
  private static Kubectl kubectl;
  private static Path manifests;

  private String ns;

  @BeforeAll
  static void startServer() throws IOException {
    if (!Kubectl.available()) {
      throw new IllegalStateException("kubectl is not on PATH; the kubectl acceptance tests need it");
    }
    server = RunningControlPlane.start("embedded");
    kubectl = new Kubectl(server.kubeconfig());
    manifests = Files.createTempDirectory("manifests");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    RunningControlPlane.deleteRecursively(manifests);
  }

  @BeforeEach
  void namespace(TestInfo info) {
    ns = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    ns = ns.length() > 50 ? ns.substring(0, 50) : ns;
    kubectl.run("create", "namespace", ns).assertOk();
  }

  private Path write(String name, String content) throws IOException {
    Path p = manifests.resolve(ns + "-" + name + ".yaml");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static List<String> lines(String out) {
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> columns(String line) {
    return Arrays.asList(line.trim().split("\\s+"));
  }

  private JsonNode getJson(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "get";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "-n";
    all[args.length + 2] = ns;
    all[args.length + 3] = "-o=json";
    return Json.parse(kubectl.run(all).assertOk().out().getBytes(StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------------ discovery

  @Test
  void versionReportsTheServersKubernetesVersion() {
    Kubectl.Result plain = kubectl.run("version").assertOk();
    assertThat(plain.out()).containsPattern("(?m)^Client Version: v1\\.\\d+\\.\\d+").containsPattern("(?m)^Server Version: v1\\.\\d+\\.\\d+");
    assertThat(plain.stderr()).doesNotContain("WARNING: version difference");

    JsonNode v = Json.parse(kubectl.run("version", "-o", "json").assertOk().out().getBytes(StandardCharsets.UTF_8));
    JsonNode sv = v.get("serverVersion");
    assertThat(sv.get("major").asText()).isEqualTo("1");
    assertThat(sv.get("gitVersion").asText()).startsWith("v1." + sv.get("minor").asText() + ".");
    assertThat(sv.get("platform").asText()).contains("/");
    // The dispatcher picked the kubectl matching the server's minor version.
    assertThat(v.at("/clientVersion/minor").asText()).isEqualTo(sv.get("minor").asText());
  }

  @Test
  void apiVersionsListsEveryServedGroupVersionSorted() {
    List<String> versions = lines(kubectl.run("api-versions").assertOk().out());
    assertThat(versions).contains(
        "v1", "apps/v1", "autoscaling/v2", "cluster.tidewater.io/v1alpha1", "policy.tidewater.io/v1alpha1", "work.tidewater.io/v1alpha1",
        "autoscaling.tidewater.io/v1alpha1", "apps.tidewater.io/v1alpha1");
    assertThat(versions).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void apiResourcesListsKindsWithShortNamesScopeAndVerbs() {
    Kubectl.Result r = kubectl.run("api-resources").assertOk();
    List<String> out = lines(r.out());
    assertThat(columns(out.get(0))).containsExactly("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
    assertThat(out).anySatisfy(l -> assertThat(columns(l)).containsExactly("deployments", "deploy", "apps/v1", "true", "Deployment"));
    assertThat(out).anySatisfy(l -> assertThat(columns(l)).containsExactly("namespaces", "ns", "v1", "false", "Namespace"));
    assertThat(out).anySatisfy(l -> assertThat(columns(l)).containsExactly("configmaps", "cm", "v1", "true", "ConfigMap"));
    assertThat(out).anySatisfy(l -> assertThat(columns(l)).containsExactly("secrets", "v1", "true", "Secret"));
    assertThat(out).anySatisfy(l -> assertThat(columns(l)).containsExactly("horizontalpodautoscalers", "hpa", "autoscaling/v2", "true", "HorizontalPodAutoscaler"));
    assertThat(out).anySatisfy(l -> assertThat(columns(l)).containsExactly("clusters", "mc", "cluster.tidewater.io/v1alpha1", "false", "Cluster"));
    assertThat(r.stderr()).isEmpty();

    List<String> wide = lines(kubectl.run("api-resources", "-o", "wide", "--api-group=apps").assertOk().out());
    assertThat(columns(wide.get(0))).containsExactly("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES");
    assertThat(wide).anySatisfy(l -> assertThat(l)
        .startsWith("deployments")
        .contains("create,delete,deletecollection,get,list,patch,update,watch")
        .endsWith("all"));
    assertThat(wide).allSatisfy(l -> assertThat(l).doesNotContain("tidewater.io"));

    List<String> clusterScoped = lines(kubectl.run("api-resources", "--namespaced=false", "-o", "name").assertOk().out());
    assertThat(clusterScoped).contains("namespaces", "clusters.cluster.tidewater.io").doesNotContain("deployments.apps", "configmaps");
  }

  @Test
  void explainDescribesAFieldFromTheOpenApiSchema() {
    Kubectl.Result r = kubectl.run("explain", "deployment.spec.replicas").assertOk();
    assertThat(r.out()).contains("GROUP:      apps").contains("KIND:       Deployment").contains("VERSION:    v1");
    assertThat(r.out()).contains("FIELD: replicas <integer>").contains("DESCRIPTION:").contains("Number of desired pods");
    Kubectl.Result missing = kubectl.run("explain", "deployment.spec.nosuchfield");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("field \"nosuchfield\" does not exist");
  }

  // ------------------------------------------------------------------ create and apply

  @Test
  void createNamespacePrintsCreatedAndRefusesADuplicate() {
    Kubectl.Result r = kubectl.run("create", "namespace", ns + "-x").assertOk();
    assertThat(r.out().strip()).isEqualTo("namespace/" + ns + "-x created");
    Kubectl.Result again = kubectl.run("create", "ns", ns + "-x");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr().strip()).isEqualTo("Error from server (AlreadyExists): namespaces \"" + ns + "-x\" already exists");
    assertThat(kubectl.run("get", "ns", ns + "-x", "-o", "jsonpath={.status.phase}").assertOk().out()).isEqualTo("Active");
    kubectl.run("delete", "ns", ns + "-x").assertOk();
  }

  @Test
  void applyCreatesThenIsUnchangedThenConfiguresAnEdit() throws IOException {
    Path f = write("web", deployment(ns, "web", 2, "nginx:1.25"));
    assertThat(kubectl.run("apply", "-f", f.toString()).assertOk().out().strip()).isEqualTo("deployment.apps/web created");
    String rv = kubectl.run("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}").assertOk().out();

    assertThat(kubectl.run("apply", "-f", f.toString()).assertOk().out().strip()).isEqualTo("deployment.apps/web unchanged");
    assertThat(kubectl.run("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}").assertOk().out()).isEqualTo(rv);

    Path edited = write("web", deployment(ns, "web", 3, "nginx:1.26"));
    assertThat(kubectl.run("apply", "-f", edited.toString()).assertOk().out().strip()).isEqualTo("deployment.apps/web configured");
    JsonNode d = getJson("deploy", "web");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.26");
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(2);
    assertThat(d.at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isTrue();

    // Removing a field from the manifest removes it from the object (three-way merge).
    Path withoutLabel = write("web", deployment(ns, "web", 3, "nginx:1.26").replace("  labels:\n    app: web\n", ""));
    assertThat(kubectl.run("apply", "-f", withoutLabel.toString()).assertOk().out().strip()).isEqualTo("deployment.apps/web configured");
    assertThat(getJson("deploy", "web").at("/metadata/labels").has("app")).isFalse();
  }

  @Test
  void serverSideApplyConflictsWithAnotherManagerUntilForced() throws IOException {
    Path f = write("api", deployment(ns, "api", 2, "nginx:1.25"));
    assertThat(kubectl.run("apply", "--server-side", "-f", f.toString()).assertOk().out().strip()).isEqualTo("deployment.apps/api serverside-applied");
    String rv = getJson("deploy", "api").at("/metadata/resourceVersion").asText();
    assertThat(kubectl.run("apply", "--server-side", "-f", f.toString()).assertOk().out().strip()).isEqualTo("deployment.apps/api serverside-applied");
    assertThat(getJson("deploy", "api").at("/metadata/resourceVersion").asText()).as("a repeated apply writes nothing").isEqualTo(rv);

    // kubectl scale writes .spec.replicas through the scale subresource as manager "kubectl".
    kubectl.run("scale", "deploy/api", "-n", ns, "--replicas=5").assertOk();
    Kubectl.Result conflict = kubectl.run("apply", "--server-side", "-f", f.toString());
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.stderr())
        .contains("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas")
        .contains("--force-conflicts");
    assertThat(getJson("deploy", "api").at("/spec/replicas").asInt()).isEqualTo(5);

    // A second field manager wanting another image conflicts with the first.
    Path other = write("api-other", deployment(ns, "api", 5, "nginx:1.27"));
    Kubectl.Result second = kubectl.run("apply", "--server-side", "--field-manager=deployer", "-f", other.toString());
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.stderr()).contains("conflict with \"kubectl\"").contains(".spec.template.spec.containers[name=\"main\"].image");

    assertThat(kubectl.run("apply", "--server-side", "--field-manager=deployer", "--force-conflicts", "-f", other.toString())
        .assertOk().out().strip()).isEqualTo("deployment.apps/api serverside-applied");
    JsonNode d = Json.parse(kubectl.run("get", "deploy", "api", "-n", ns, "-o", "json", "--show-managed-fields").assertOk().out()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    JsonNode deployer = null;
    for (JsonNode e : d.at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals("deployer")) {
        deployer = e;
      }
    }
    assertThat(deployer).isNotNull();
    assertThat(deployer.path("operation").asText()).isEqualTo("Apply");
    assertThat(deployer.at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();

    // Forcing back as the first manager works too, and takes the fields over.
    assertThat(kubectl.run("apply", "--server-side", "--force-conflicts", "-f", f.toString()).assertOk().out().strip())
        .isEqualTo("deployment.apps/api serverside-applied");
    d = getJson("deploy", "api");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.25");
  }

  @Test
  void createsTypedObjectsThatKubectlSendsAsProtobuf() {
    assertThat(kubectl.run("create", "configmap", "settings", "-n", ns, "--from-literal=mode=fast", "--from-literal=level=3")
        .assertOk().out().strip()).isEqualTo("configmap/settings created");
    assertThat(kubectl.run("create", "secret", "generic", "creds", "-n", ns, "--from-literal=password=s3cr3t")
        .assertOk().out().strip()).isEqualTo("secret/creds created");
    assertThat(kubectl.run("create", "service", "clusterip", "front", "-n", ns, "--tcp=80:8080")
        .assertOk().out().strip()).isEqualTo("service/front created");
    assertThat(kubectl.run("create", "serviceaccount", "robot", "-n", ns).assertOk().out().strip()).isEqualTo("serviceaccount/robot created");
    assertThat(kubectl.run("create", "deployment", "made", "-n", ns, "--image=nginx:1.25", "--replicas=2")
        .assertOk().out().strip()).isEqualTo("deployment.apps/made created");

    JsonNode cm = getJson("configmap", "settings");
    assertThat(cm.get("data")).isEqualTo(Json.parse("{\"mode\":\"fast\",\"level\":\"3\"}".getBytes(StandardCharsets.UTF_8)));
    JsonNode secret = getJson("secret", "creds");
    assertThat(secret.at("/type").asText()).isEqualTo("Opaque");
    assertThat(secret.at("/data/password").asText()).isEqualTo("czNjcjN0");
    JsonNode svc = getJson("service", "front");
    assertThat(svc.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(svc.at("/spec/clusterIP").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(80);
    assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    assertThat(svc.at("/spec/ports/0/name").asText()).isEqualTo("80-8080");
    assertThat(svc.at("/spec/selector/app").asText()).isEqualTo("front");
    assertThat(getJson("serviceaccount", "robot").at("/metadata/uid").asText()).isNotEmpty();
    JsonNode made = getJson("deployment", "made");
    assertThat(made.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(made.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.25");

    List<String> table = lines(kubectl.run("get", "configmaps,secrets,services,serviceaccounts", "-n", ns).assertOk().out());
    assertThat(table).anySatisfy(l -> assertThat(columns(l)).startsWith("configmap/settings", "2"));
    assertThat(table).anySatisfy(l -> assertThat(columns(l)).startsWith("secret/creds", "Opaque", "1"));
    assertThat(table).anySatisfy(l -> assertThat(columns(l)).startsWith("service/front", "ClusterIP").contains("80/TCP", "<none>"));
    assertThat(table).anySatisfy(l -> assertThat(columns(l)).startsWith("serviceaccount/robot", "0"));
  }

  @Test
  void serverDryRunStoresNothing() throws IOException {
    kubectl.run("create", "configmap", "kept", "-n", ns, "--from-literal=a=1").assertOk();
    JsonNode keptBefore = getJson("configmap", "kept");

    assertThat(kubectl.run("create", "configmap", "ghost", "-n", ns, "--from-literal=a=1", "--dry-run=server").assertOk().out().strip())
        .isEqualTo("configmap/ghost created (server dry run)");
    Path f = write("phantom", deployment(ns, "phantom", 1, "nginx:1.25"));
    assertThat(kubectl.run("apply", "-f", f.toString(), "--dry-run=server").assertOk().out().strip())
        .isEqualTo("deployment.apps/phantom created (server dry run)");
    assertThat(kubectl.run("apply", "--server-side", "-f", f.toString(), "--dry-run=server").assertOk().out().strip())
        .isEqualTo("deployment.apps/phantom serverside-applied (server dry run)");
    assertThat(kubectl.run("label", "configmap", "kept", "-n", ns, "x=y", "--dry-run=server").assertOk().out().strip())
        .isEqualTo("configmap/kept labeled (server dry run)");
    assertThat(kubectl.run("delete", "configmap", "kept", "-n", ns, "--dry-run=server").assertOk().out().strip())
        .isEqualTo("configmap \"kept\" deleted (server dry run)");

    Kubectl.Result ghost = kubectl.run("get", "configmap", "ghost", "-n", ns);
    assertThat(ghost.exitCode()).isEqualTo(1);
    assertThat(ghost.stderr().strip()).isEqualTo("Error from server (NotFound): configmaps \"ghost\" not found");
    assertThat(kubectl.run("get", "deploy", "phantom", "-n", ns).exitCode()).isEqualTo(1);
    assertThat(getJson("configmap", "kept")).isEqualTo(keptBefore);
    assertThat(lines(kubectl.run("get", "configmaps", "-n", ns, "-o", "name").assertOk().out()))
        .containsExactly("configmap/kept");
  }

  // ------------------------------------------------------------------ reads

  @Test
  void getPrintsYamlJsonWideAndCustomColumns() throws IOException {
    kubectl.run("apply", "-f", write("web", deployment(ns, "web", 3, "nginx:1.25")).toString()).assertOk();

    String yaml = kubectl.run("get", "deploy", "web", "-n", ns, "-o", "yaml").assertOk().out();
    assertThat(yaml).startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n");
    JsonNode fromYaml = Json.YAML.readTree(yaml);
    assertThat(fromYaml.at("/metadata/name").asText()).isEqualTo("web");
    assertThat(fromYaml.at("/metadata/namespace").asText()).isEqualTo(ns);
    assertThat(fromYaml.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(fromYaml.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(fromYaml.at("/metadata").has("managedFields")).isFalse();

    JsonNode json = getJson("deploy", "web");
    assertThat(json).isEqualTo(fromYaml);

    JsonNode list = getJson("deploy");
    assertThat(list.get("kind").asText()).isEqualTo("List");
    assertThat(list.get("items")).hasSize(1);

    List<String> table = lines(kubectl.run("get", "deploy", "-n", ns).assertOk().out());
    assertThat(columns(table.get(0))).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
    assertThat(columns(table.get(1))).startsWith("web", "0/3", "0", "0");
    assertThat(columns(table.get(1)).get(4)).matches("\\d+s");

    List<String> wide = lines(kubectl.run("get", "deploy", "-n", ns, "-o", "wide").assertOk().out());
    assertThat(columns(wide.get(0))).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR");
    assertThat(columns(wide.get(1))).startsWith("web", "0/3").endsWith("main", "nginx:1.25", "app=web");

    String custom = kubectl.run("get", "deploy", "-n", ns, "-o", "custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image")
        .assertOk().out();
    assertThat(custom).isEqualTo("NAME   REPLICAS   IMAGE\nweb    3          nginx:1.25\n");

    assertThat(kubectl.run("get", "deploy", "-n", ns, "-o", "name").assertOk().out()).isEqualTo("deployment.apps/web\n");
    assertThat(kubectl.run("get", "deploy", "-n", ns, "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}").assertOk().out()).isEqualTo("web");
    assertThat(kubectl.run("get", "deploy", "-n", ns, "-l", "app!=web").assertOk().stderr().strip()).isEqualTo("No resources found in " + ns + " namespace.");
    assertThat(kubectl.run("get", "deploy", "-n", ns, "--field-selector=metadata.name=web", "-o", "name").assertOk().out()).isEqualTo("deployment.apps/web\n");
    Kubectl.Result notFound = kubectl.run("get", "deploy", "nope", "-n", ns);
    assertThat(notFound.exitCode()).isEqualTo(1);
    assertThat(notFound.stderr().strip()).isEqualTo("Error from server (NotFound): deployments.apps \"nope\" not found");
  }

  @Test
  void getWatchSeesAChange() throws Exception {
    kubectl.run("apply", "-f", write("web", deployment(ns, "web", 2, "nginx:1.25")).toString()).assertOk();
    Process watch = kubectl.start("get", "deploy", "-n", ns, "-w");
    try {
      LineReader out = new LineReader(watch.getInputStream());
      assertThat(columns(out.await(l -> l.startsWith("NAME"), Duration.ofSeconds(30))))
          .containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
      assertThat(columns(out.await(l -> l.startsWith("web"), Duration.ofSeconds(30)))).startsWith("web", "0/2");

      kubectl.run("scale", "deploy/web", "-n", ns, "--replicas=7").assertOk();
      assertThat(columns(out.await(l -> l.startsWith("web"), Duration.ofSeconds(30)))).startsWith("web", "0/7");

      kubectl.run("apply", "-f", write("other", deployment(ns, "other", 1, "nginx:1.25")).toString()).assertOk();
      assertThat(columns(out.await(l -> l.startsWith("other"), Duration.ofSeconds(30)))).startsWith("other", "0/1");
      assertThat(watch.isAlive()).isTrue();
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }

    // The watch with events as JSON: the same change, as a MODIFIED event.
    Process events = kubectl.start("get", "deploy", "web", "-n", ns, "-w", "--output-watch-events", "-o", "json");
    try {
      LineReader out = new LineReader(events.getInputStream());
      out.await(l -> l.matches(".*\"type\": ?\"ADDED\".*"), Duration.ofSeconds(30));
      kubectl.run("label", "deploy", "web", "-n", ns, "seen=yes").assertOk();
      out.await(l -> l.matches(".*\"type\": ?\"MODIFIED\".*\"seen\": ?\"yes\".*"), Duration.ofSeconds(30));
    } finally {
      events.destroy();
      events.waitFor(10, TimeUnit.SECONDS);
    }
  }

  // ------------------------------------------------------------------ updates

  @Test
  void scaleSetsReplicasThroughTheScaleSubresource() throws IOException {
    kubectl.run("apply", "-f", write("web", deployment(ns, "web", 2, "nginx:1.25")).toString()).assertOk();
    assertThat(kubectl.run("scale", "deploy/web", "-n", ns, "--replicas=4").assertOk().out().strip()).isEqualTo("deployment.apps/web scaled");
    assertThat(getJson("deploy", "web").at("/spec/replicas").asInt()).isEqualTo(4);

    Kubectl.Result wrongPrecondition = kubectl.run("scale", "deploy/web", "-n", ns, "--current-replicas=3", "--replicas=6");
    assertThat(wrongPrecondition.exitCode()).isEqualTo(1);
    assertThat(wrongPrecondition.stderr()).contains("Expected replicas to be 3, was 4");
    assertThat(kubectl.run("scale", "deploy/web", "-n", ns, "--current-replicas=4", "--replicas=0").assertOk().out().strip())
        .isEqualTo("deployment.apps/web scaled");
    assertThat(getJson("deploy", "web").at("/spec/replicas").asInt()).isZero();

    Kubectl.Result negative = kubectl.run("scale", "deploy/web", "-n", ns, "--replicas=-1");
    assertThat(negative.exitCode()).isNotZero();
    assertThat(getJson("deploy", "web").at("/spec/replicas").asInt()).isZero();
  }

  @Test
  void patchOfEachTypeLabelAndAnnotate() throws IOException {
    kubectl.run("apply", "-f", write("web", deployment(ns, "web", 2, "nginx:1.25")).toString()).assertOk();

    String strategic = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:1.26\"}]}}}}";
    assertThat(kubectl.run("patch", "deploy", "web", "-n", ns, "-p", strategic).assertOk().out().strip()).isEqualTo("deployment.apps/web patched");
    JsonNode d = getJson("deploy", "web");
    // Strategic merge matched the container by name: its ports survived.
    assertThat(d.at("/spec/template/spec/containers")).hasSize(1);
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.26");
    assertThat(d.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(80);
    // Patching to what is already there writes nothing, as Kubernetes skips no-op updates.
    assertThat(kubectl.run("patch", "deploy", "web", "-n", ns, "--type=strategic", "-p", strategic).assertOk().out().strip())
        .isEqualTo("deployment.apps/web patched (no change)");
    assertThat(getJson("deploy", "web").at("/metadata/resourceVersion").asText()).isEqualTo(d.at("/metadata/resourceVersion").asText());

    assertThat(kubectl.run("patch", "deploy", "web", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"replicas\":3},\"metadata\":{\"labels\":{\"m\":\"1\"}}}")
        .assertOk().out().strip()).isEqualTo("deployment.apps/web patched");
    // A merge patch replaces lists wholesale.
    assertThat(kubectl.run("patch", "deploy", "web", "-n", ns, "--type=merge",
        "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"other\",\"image\":\"busybox:1.36\"}]}}}}").assertOk().out().strip())
        .isEqualTo("deployment.apps/web patched");
    d = getJson("deploy", "web");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(d.at("/metadata/labels/m").asText()).isEqualTo("1");
    assertThat(d.at("/spec/template/spec/containers")).hasSize(1);
    assertThat(d.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("other");

    assertThat(kubectl.run("patch", "deploy", "web", "-n", ns, "--type=json",
        "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5},{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"2\"}]")
        .assertOk().out().strip()).isEqualTo("deployment.apps/web patched");
    d = getJson("deploy", "web");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(d.at("/metadata/labels/j").asText()).isEqualTo("2");
    Kubectl.Result failedTest = kubectl.run("patch", "deploy", "web", "-n", ns, "--type=json",
        "-p", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":1},{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":9}]");
    assertThat(failedTest.exitCode()).isEqualTo(1);
    assertThat(failedTest.stderr()).isNotBlank();
    assertThat(getJson("deploy", "web").at("/spec/replicas").asInt()).isEqualTo(5);
    Kubectl.Result invalid = kubectl.run("patch", "deploy", "web", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"replicas\":-2}}");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.stderr().strip())
        .isEqualTo("The Deployment \"web\" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0");

    assertThat(kubectl.run("label", "deploy", "web", "-n", ns, "tier=front").assertOk().out().strip()).isEqualTo("deployment.apps/web labeled");
    Kubectl.Result noOverwrite = kubectl.run("label", "deploy", "web", "-n", ns, "tier=back");
    assertThat(noOverwrite.exitCode()).isEqualTo(1);
    assertThat(noOverwrite.stderr().strip()).isEqualTo("error: 'tier' already has a value (front), and --overwrite is false");
    kubectl.run("label", "deploy", "web", "-n", ns, "tier=back", "--overwrite").assertOk();
    assertThat(kubectl.run("annotate", "deploy", "web", "-n", ns, "owner=team-a").assertOk().out().strip()).isEqualTo("deployment.apps/web annotated");
    d = getJson("deploy", "web");
    assertThat(d.at("/metadata/labels/tier").asText()).isEqualTo("back");
    assertThat(d.at("/metadata/annotations/owner").asText()).isEqualTo("team-a");
    long generation = d.at("/metadata/generation").asLong();

    assertThat(kubectl.run("label", "deploy", "web", "-n", ns, "tier-").assertOk().out().strip()).isEqualTo("deployment.apps/web unlabeled");
    kubectl.run("annotate", "deploy", "web", "-n", ns, "owner-").assertOk();
    d = getJson("deploy", "web");
    assertThat(d.at("/metadata/labels").has("tier")).isFalse();
    assertThat(d.at("/metadata/annotations").has("owner")).isFalse();
    // Metadata-only changes leave the generation alone.
    assertThat(d.at("/metadata/generation").asLong()).isEqualTo(generation);
  }

  @Test
  void diffExitsOneWithADiffAndZeroWhenEqual() throws IOException {
    Path f = write("web", deployment(ns, "web", 2, "nginx:1.25"));
    Kubectl.Result creating = kubectl.run("diff", "-f", f.toString());
    assertThat(creating.exitCode()).as(creating.stderr()).isEqualTo(1);
    assertThat(creating.out()).contains("+  name: web").contains("+  replicas: 2");
    assertThat(kubectl.run("get", "deploy", "web", "-n", ns).exitCode()).as("diff stored nothing").isEqualTo(1);

    kubectl.run("apply", "-f", f.toString()).assertOk();
    Kubectl.Result same = kubectl.run("diff", "-f", f.toString());
    assertThat(same.exitCode()).as(same.out() + same.stderr()).isZero();
    assertThat(same.out()).isEmpty();

    String rv = getJson("deploy", "web").at("/metadata/resourceVersion").asText();
    Path edited = write("web", deployment(ns, "web", 4, "nginx:1.27"));
    Kubectl.Result changed = kubectl.run("diff", "-f", edited.toString());
    assertThat(changed.exitCode()).as(changed.stderr()).isEqualTo(1);
    assertThat(changed.out()).contains("-  replicas: 2").contains("+  replicas: 4").contains("-      - image: nginx:1.25").contains("+      - image: nginx:1.27");
    assertThat(changed.out()).contains("-  generation: 1").contains("+  generation: 2");
    assertThat(getJson("deploy", "web").at("/metadata/resourceVersion").asText()).as("diff changed nothing").isEqualTo(rv);

    Kubectl.Result serverSide = kubectl.run("diff", "--server-side", "-f", edited.toString());
    assertThat(serverSide.exitCode()).as(serverSide.stderr()).isEqualTo(1);
    assertThat(serverSide.out()).contains("+  replicas: 4");
  }

  // ------------------------------------------------------------------ deletion

  @Test
  void deleteWaitsUntilTheObjectIsGone() throws Exception {
    kubectl.run("apply", "-f", write("web", deployment(ns, "web", 1, "nginx:1.25")).toString()).assertOk();
    assertThat(kubectl.run("delete", "deploy", "web", "-n", ns).assertOk().out().strip()).isEqualTo("deployment.apps \"web\" deleted");
    Kubectl.Result gone = kubectl.run("get", "deploy", "web", "-n", ns);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr().strip()).isEqualTo("Error from server (NotFound): deployments.apps \"web\" not found");
    Kubectl.Result again = kubectl.run("delete", "deploy", "web", "-n", ns);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr().strip()).isEqualTo("Error from server (NotFound): deployments.apps \"web\" not found");
    assertThat(kubectl.run("delete", "deploy", "web", "-n", ns, "--ignore-not-found").assertOk().out()).isEmpty();

    // A finalizer holds the object: kubectl keeps waiting until it is really gone.
    server.post("/api/v1/namespaces/" + ns + "/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}}");
    Process delete = kubectl.start("delete", "configmap", "held", "-n", ns, "--timeout=120s");
    try {
      LineReader out = new LineReader(delete.getInputStream());
      await().atMost(Duration.ofSeconds(30)).until(() -> getJson("configmap", "held").at("/metadata/deletionTimestamp").isTextual());
      assertThat(delete.waitFor(2, TimeUnit.SECONDS)).as("kubectl delete returned while a finalizer still held the object").isFalse();
      assertThat(server.send("PATCH", "/api/v1/namespaces/" + ns + "/configmaps/held", "application/merge-patch+json",
          "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);
      assertThat(delete.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(delete.exitValue()).isZero();
      assertThat(out.await(l -> !l.isBlank(), Duration.ofSeconds(10))).isEqualTo("configmap \"held\" deleted");
    } finally {
      delete.destroyForcibly();
    }
    assertThat(server.get("/api/v1/namespaces/" + ns + "/configmaps/held").code()).isEqualTo(404);
  }

  @Test
  void deleteNamespaceCascadesToEverythingInIt() throws IOException {
    String doomed = ns + "-doomed";
    kubectl.run("create", "namespace", doomed).assertOk();
    kubectl.run("apply", "-f", write("web", deployment(doomed, "web", 1, "nginx:1.25")).toString()).assertOk();
    kubectl.run("create", "configmap", "cfg", "-n", doomed, "--from-literal=a=1").assertOk();
    kubectl.run("create", "secret", "generic", "sec", "-n", doomed, "--from-literal=a=1").assertOk();
    kubectl.run("create", "service", "clusterip", "svc", "-n", doomed, "--tcp=80:80").assertOk();
    kubectl.run("create", "serviceaccount", "sa", "-n", doomed).assertOk();
    // A neighbour with the same names must survive.
    kubectl.run("create", "configmap", "cfg", "-n", ns, "--from-literal=a=1").assertOk();

    assertThat(kubectl.run("delete", "namespace", doomed).assertOk().out().strip()).isEqualTo("namespace \"" + doomed + "\" deleted");
    Kubectl.Result gone = kubectl.run("get", "namespace", doomed);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr().strip()).isEqualTo("Error from server (NotFound): namespaces \"" + doomed + "\" not found");
    for (String kind : List.of("deployments", "configmaps", "secrets", "services", "serviceaccounts")) {
      assertThat(kubectl.run("get", kind, "-A", "--field-selector=metadata.namespace=" + doomed, "-o", "name").assertOk().out())
          .as(kind + " left in the deleted namespace").isEmpty();
    }
    assertThat(kubectl.run("get", "configmap", "cfg", "-n", ns, "-o", "name").assertOk().out()).isEqualTo("configmap/cfg\n");
    // Nothing can be created in it any more.
    Kubectl.Result late = kubectl.run("create", "configmap", "late", "-n", doomed);
    assertThat(late.exitCode()).isEqualTo(1);
    assertThat(late.stderr().strip()).isEqualTo("error: failed to create configmap: namespaces \"" + doomed + "\" not found");
  }
}
