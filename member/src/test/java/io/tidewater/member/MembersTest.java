package io.tidewater.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.member.testing.TestMemberCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector registry, and connecting through a kubeconfig to an HTTPS member. */
class MembersTest {

  @Test
  void addsReplacesAndRemovesConnectorsAndClosesThemAll(@TempDir Path pki) throws Exception {
    try (TestMemberCluster a = TestMemberCluster.startTls("a", pki.resolve("a"));
        TestMemberCluster b = TestMemberCluster.start("b")) {
      Members members = new Members();
      List<String> events = new CopyOnWriteArrayList<>();
      members.addListener(new Members.Listener() {
        @Override
        public void added(MemberConnector c) {
          events.add("+" + c.cluster());
        }

        @Override
        public void removed(MemberConnector c) {
          events.add("-" + c.cluster());
        }
      });

      MemberConnector viaKubeconfig = MemberConnector.connect("a", MemberConnection.fromKubeconfig(a.kubeconfig()), ConnectorOptions.defaults());
      members.put(viaKubeconfig);
      members.put(MemberConnector.connect("b", b.connection(), ConnectorOptions.defaults()));
      // TLS with the member's CA and its token, from the kubeconfig text alone.
      await().atMost(Duration.ofSeconds(20)).until(() -> viaKubeconfig.currentHealth().isReady());
      assertThat(viaKubeconfig.client().namespaces().withName("default").get()).isNotNull();

      MemberConnector replacement = MemberConnector.connect("a", a.connection(), ConnectorOptions.defaults());
      members.put(replacement);
      assertThat(viaKubeconfig.isClosed()).isTrue();
      assertThat(members.get("a")).containsSame(replacement);

      assertThat(members.remove("b")).isTrue();
      assertThat(members.remove("b")).isFalse();
      members.close();
      assertThat(replacement.isClosed()).isTrue();
      assertThat(events).containsExactly("+a", "+b", "-a", "+a", "-b", "-a");
    }
  }

  @Test
  void rejectsClusterNamesThatAreNotDnsLabels() throws Exception {
    Path tmp = Files.createTempDirectory("x");
    Files.delete(tmp);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MemberConnector.connect("Not.A.Label", MemberConnection.of("http://127.0.0.1:1", null, "t"), ConnectorOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
