package io.tidewater.member.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Informers on a real (Tidewater) API server: sync, replay to late subscribers, live changes, isolation. */
class MemberInformerTest {
  static TestMemberCluster member;
  static MemberConnector connector;

  @BeforeAll
  static void start() throws Exception {
    member = TestMemberCluster.start("inf");
    member.create(TestMemberCluster.NODES, TestObjects.node("n1", "8", "32Gi", 110, Map.of(), true));
    for (int i = 0; i < 20; i++) {
      member.create(TestMemberCluster.PODS, TestObjects.pod("default", "pre-" + i, "n1", "100m", "128Mi"));
    }
    connector = MemberConnector.connect("inf", member.connection(), ConnectorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    connector.close();
    member.close();
  }

  @Test
  void syncsThenReplaysTheCacheToASubscriberBeforeLiveEvents() throws Exception {
    MemberInformer<Pod> pods = connector.informer(MemberResource.PODS);
    pods.synced().get(30, TimeUnit.SECONDS);
    assertThat(pods.hasSynced()).isTrue();
    assertThat(pods.list()).hasSizeGreaterThanOrEqualTo(20);
    // The cache keeps no managedFields, though the member has them.
    assertThat(member.storage(TestMemberCluster.PODS).get("default", "pre-0", io.tidewater.apiserver.storage.GetOptions.LATEST).object()
        .at("/metadata/managedFields").size()).isPositive();
    assertThat(pods.list()).allSatisfy(p -> assertThat(p.getMetadata().getManagedFields()).isEmpty());

    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch synced = new CountDownLatch(1);
    try (Subscription<Pod> sub = pods.subscribe("test", new MemberEventListener<>() {
      @Override
      public void onEvent(MemberEvent<Pod> e) {
        seen.add(e.type() + " " + e.object().getMetadata().getName());
      }

      @Override
      public void onSynced() {
        seen.add("SYNCED");
        synced.countDown();
      }
    })) {
      assertThat(synced.await(30, TimeUnit.SECONDS)).isTrue();
      int syncedAt = seen.indexOf("SYNCED");
      assertThat(seen.subList(0, syncedAt)).allMatch(s -> s.startsWith("ADDED ")).contains("ADDED pre-0", "ADDED pre-19");
      assertThat(sub.hasSynced()).isTrue();

      member.create(TestMemberCluster.PODS, TestObjects.pod("default", "live-1", null, "100m", "128Mi"));
      member.update(TestMemberCluster.PODS, "default", "live-1", p -> {
        p.with("spec").put("nodeName", "n1");
        return p;
      });
      member.delete(TestMemberCluster.PODS, "default", "live-1");
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("DELETED live-1"));
      assertThat(seen.subList(syncedAt, seen.size())).containsSubsequence("ADDED live-1", "UPDATED live-1", "DELETED live-1");
      assertThat(pods.get("default", "live-1")).isEmpty();
      assertThat(pods.get("default", "pre-3")).isPresent();
    }
  }

  @Test
  void aBlockedSubscriberDoesNotDelayAnotherOne() throws Exception {
    MemberInformer<Pod> pods = connector.informer(MemberResource.PODS);
    CountDownLatch release = new CountDownLatch(1);
    Map<String, Boolean> fastSeen = new ConcurrentHashMap<>();
    try (Subscription<Pod> slow = pods.subscribe("slow", e -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
        });
        Subscription<Pod> fast = pods.subscribe("fast", e -> fastSeen.put(e.object().getMetadata().getName(), true))) {
      member.create(TestMemberCluster.PODS, TestObjects.pod("default", "isolated-1", "n1", "100m", "128Mi"));
      await().atMost(Duration.ofSeconds(20)).until(() -> fastSeen.containsKey("isolated-1"));
      assertThat(slow.backlog()).isGreaterThan(0);
      release.countDown();
    }
  }
}
