package io.tidewater.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.testing.Kubectl;
import io.tidewater.gateway.testing.GatewayFixture;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the federation: pods of several members, watched, deleted and logged. */
class KubectlGatewayTest {
  @TempDir static Path dir;
  static GatewayFixture fx;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    fx = GatewayFixture.start(List.of("idc-1", "cloud-1"), GatewayOptions.defaults(), dir.resolve("pki"));
    for (TestMemberCluster m : fx.members()) {
      m.create(TestMemberCluster.NODES, TestObjects.node("node-a", "8", "32Gi", 110, Map.of(), true));
      m.create(TestMemberCluster.PODS, TestObjects.pod("default", "web-0", "node-a", "100m", "64Mi"));
    }
    fx.member("idc-1").create(TestMemberCluster.PODS, TestObjects.pod("default", "only-idc", "node-a", "100m", "64Mi"));
    await().atMost(Duration.ofSeconds(20)).until(() -> fx.gateway().storage(io.tidewater.gateway.view.MergedKind.PODS)
        .list(null, ListOptions.everything()).items().size() == 3);
    kubectl = new Kubectl(fx.writeKubeconfig(dir));
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void getPodsWideShowsEveryMembersPodsWithTheirCluster() {
    String out = kubectl.run("get", "pods", "-A", "-o", "wide").assertOk().out();
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).containsSubsequence("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "CLUSTER", "IP", "NODE");
    assertThat(out).containsPattern("default\\s+cloud-1\\.web-0\\s.*\\scloud-1\\s+<none>\\s+cloud-1\\.node-a")
        .containsPattern("default\\s+idc-1\\.web-0\\s.*\\sidc-1\\s")
        .contains("idc-1.only-idc");

    String labels = kubectl.run("get", "pods", "-n", "default", "--show-labels", "-l", "tidewater.io/cluster=idc-1").assertOk().out();
    assertThat(labels).contains("idc-1.web-0", "idc-1.only-idc", "tidewater.io/cluster=idc-1").doesNotContain("cloud-1.web-0");

    String nodes = kubectl.run("get", "nodes").assertOk().out();
    assertThat(nodes.lines().findFirst().orElseThrow()).contains("CLUSTER");
    assertThat(nodes).contains("idc-1.node-a", "cloud-1.node-a");
  }

  @Test
  void getPodsWatchSeesNewPods() throws Exception {
    Process watch = kubectl.start("get", "pods", "-A", "-w");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = Thread.ofVirtual().name("kubectl-watch-reader").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (Exception e) {
        lines.add("ERROR " + e);
      }
    });
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains("idc-1.web-0")));
      fx.member("cloud-1").create(TestMemberCluster.PODS, TestObjects.pod("default", "watched-1", "node-a", "100m", "64Mi"));
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains("cloud-1.watched-1")));
      assertThat(lines.stream().filter(l -> l.contains("cloud-1.watched-1")).findFirst().orElseThrow()).contains("cloud-1");
    } finally {
      watch.destroy();
      reader.join(5_000);
    }
  }

  @Test
  void deleteGoesToTheOwningMember() {
    fx.member("idc-1").create(TestMemberCluster.PODS, TestObjects.pod("default", "doomed", "node-a", "100m", "64Mi"));
    fx.member("cloud-1").create(TestMemberCluster.PODS, TestObjects.pod("default", "doomed", "node-a", "100m", "64Mi"));
    await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "pod", "idc-1.doomed", "-n", "default").exitCode() == 0);

    String out = kubectl.run("delete", "pod", "idc-1.doomed", "-n", "default", "--timeout=60s").assertOk().out();
    assertThat(out).contains("pod \"idc-1.doomed\" deleted");
    assertThat(fx.member("idc-1").storage(TestMemberCluster.PODS).list("default", ListOptions.everything()).items())
        .noneMatch(p -> p.name().equals("doomed"));
    assertThat(fx.member("cloud-1").storage(TestMemberCluster.PODS).list("default", ListOptions.everything()).items())
        .anyMatch(p -> p.name().equals("doomed"));
    assertThat(kubectl.run("get", "pod", "idc-1.doomed", "-n", "default").exitCode()).isNotZero();
  }

  @Test
  void logsAreProxiedToTheMember() {
    String out = kubectl.run("logs", "cloud-1.web-0", "-n", "default").assertOk().out();
    assertThat(out).startsWith("cloud-1 default/web-0/main line 1").contains("line 3");
    String tail = kubectl.run("logs", "idc-1.web-0", "-n", "default", "--tail=1").assertOk().out();
    assertThat(tail).isNotEmpty();
  }

  @Test
  void theProxyReachesOneMember() {
    String raw = kubectl.run("get", "--raw", "/apis/cluster.tidewater.io/v1alpha1/clusters/idc-1/proxy/api/v1/namespaces/default/pods").assertOk().out();
    assertThat(raw).contains("\"name\":\"only-idc\"").doesNotContain("tidewater.io/cluster");
  }
}
