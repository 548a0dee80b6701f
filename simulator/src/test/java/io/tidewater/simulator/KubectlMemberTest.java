package io.tidewater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.apiserver.testing.Kubectl;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.simulator.testing.Kubeconfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against a simulated member of a TLS fleet, through its kubeconfig entry. */
class KubectlMemberTest {
  @TempDir static Path dir;
  static Fleet fleet;
  static Kubectl kubectl;

  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - {name: web, image: "nginx:1.27", resources: {requests: {cpu: 500m, memory: 256Mi}}}
      """;

  @BeforeAll
  static void start() throws Exception {
    fleet = Fleet.start(Fleet.Options.tls(TlsMaterial.loadOrCreate(dir.resolve("tls"), List.of())));
    fleet.ensure("east", SimulatedClusterSpec.of(NodePoolSpec.of("general", 3, "8", "32Gi")).withPodTimings(PodTimings.FAST));
    fleet.ensure("west", SimulatedClusterSpec.of(NodePoolSpec.of("small", 1, "2", "4Gi")));
    kubectl = new Kubectl(Kubeconfigs.write(dir, fleet.kubeconfigEntries()));
  }

  @AfterAll
  static void stop() {
    fleet.close();
  }

  private static String east(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--context";
    all[1] = "east";
    System.arraycopy(args, 0, all, 2, args.length);
    return kubectl.run(all).assertOk().out();
  }

  @Test
  void deploymentRollsOutScalesAndRunsOnNodes() {
    kubectl.runWithInput(DEPLOYMENT, "--context", "east", "apply", "-f", "-").assertOk();
    assertThat(east("rollout", "status", "deployment/web", "--timeout=60s")).contains("successfully rolled out");
    east("scale", "deployment/web", "--replicas=5");
    assertThat(east("rollout", "status", "deployment/web", "--timeout=60s")).contains("successfully rolled out");
    String pods = east("get", "pods", "-l", "app=web", "-o", "wide", "--no-headers");
    List<String> lines = Arrays.stream(pods.split("\n")).filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(5).allSatisfy(l -> {
      String[] cols = l.trim().split("\\s+");
      assertThat(cols[1]).isEqualTo("1/1");
      assertThat(cols[2]).isEqualTo("Running");
      assertThat(cols[6]).startsWith("east-general-");
    });
    east("set", "image", "deployment/web", "web=nginx:1.28");
    assertThat(east("rollout", "status", "deployment/web", "--timeout=60s")).contains("successfully rolled out");
    east("rollout", "undo", "deployment/web");
    assertThat(east("rollout", "status", "deployment/web", "--timeout=60s")).contains("successfully rolled out");
    assertThat(east("get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")).isEqualTo("nginx:1.27");
    assertThat(east("rollout", "history", "deployment/web")).contains("2 ", "3 ");
    // The other member is a different cluster: nothing of east's shows there.
    assertThat(kubectl.run("--context", "west", "get", "pods", "-A", "--no-headers").assertOk().out()).doesNotContain("web-");
    assertThat(kubectl.run("--context", "west", "get", "nodes", "--no-headers").assertOk().out()).contains("west-small-0").doesNotContain("east-");
  }

  @Test
  void topLogsAndGracefulDelete() {
    kubectl.runWithInput(DEPLOYMENT.replace("name: web", "name: api").replace("app: web", "app: api"), "--context", "east", "apply", "-f", "-").assertOk();
    east("rollout", "status", "deployment/api", "--timeout=60s");
    fleet.get("east").orElseThrow().setLoad("default", "api", 0.25);
    String top = east("top", "pods", "-l", "app=api", "--no-headers");
    assertThat(top.lines().filter(l -> !l.isBlank()).toList()).hasSize(3).allSatisfy(l -> assertThat(l).contains("250m"));
    assertThat(east("top", "nodes", "--no-headers")).contains("east-general-0");

    String pod = east("get", "pods", "-l", "app=api", "-o", "jsonpath={.items[0].metadata.name}");
    await().atMost(Duration.ofSeconds(10)).until(() -> east("logs", pod, "--tail=2").lines().count() == 2);
    String logs = east("logs", pod, "--tail=2");
    assertThat(logs.lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT.* (INFO|ERROR) .*"));
    assertThat(east("logs", pod, "--tail=1", "--timestamps")).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+ \\d{4}-.*");
    var follow = kubectl.run("--context", "east", "logs", pod, "-f", "--tail=0", "--request-timeout=3s");
    assertThat(follow.stdout().lines().count()).isGreaterThanOrEqualTo(1);

    east("delete", "pod", pod, "--wait=true");
    assertThat(kubectl.run("--context", "east", "get", "pod", pod).exitCode()).isNotZero();
    assertThat(east("rollout", "status", "deployment/api", "--timeout=60s")).contains("successfully rolled out");
  }

  @Test
  void statefulSetRolloutStatus() {
    String sts = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:16"}]
        """;
    kubectl.runWithInput(sts, "--context", "east", "apply", "-f", "-").assertOk();
    assertThat(east("rollout", "status", "statefulset/db", "--timeout=60s")).contains("partitioned roll out complete: 2 new pods have been updated");
    east("set", "image", "statefulset/db", "db=postgres:17");
    assertThat(east("rollout", "status", "statefulset/db", "--timeout=60s")).contains("partitioned roll out complete: 2 new pods have been updated");
    assertThat(east("rollout", "history", "statefulset/db")).contains("1", "2");
  }
}
