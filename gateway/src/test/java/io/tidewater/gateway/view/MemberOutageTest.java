package io.tidewater.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.testing.GatewayFixture;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A member that goes away leaves the merged view with DELETED events and comes back with ADDED
 * ones, while the other members' events keep flowing; a member removed from the registry leaves
 * for good.
 */
class MemberOutageTest {

  @Test
  void aMemberThatGoesAwayLeavesTheViewAndComesBack() throws Exception {
    try (GatewayFixture fx = GatewayFixture.start(List.of("up", "flaky"), GatewayOptions.defaults())) {
      TestMemberCluster up = fx.member("up");
      TestMemberCluster flaky = fx.member("flaky");
      for (int i = 0; i < 3; i++) {
        up.create(TestMemberCluster.PODS, TestObjects.pod("default", "u-" + i, null, "10m", "16Mi"));
        flaky.create(TestMemberCluster.PODS, TestObjects.pod("default", "f-" + i, null, "10m", "16Mi"));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> fx.get("/api/v1/pods").json().path("items").size() == 6);
      String rv = fx.get("/api/v1/pods").json().at("/metadata/resourceVersion").asText();

      List<String> events = new CopyOnWriteArrayList<>();
      Thread reader = Thread.ofVirtual().name("outage-watch").start(() -> {
        try (InputStream in = fx.stream("/api/v1/pods?watch=true&timeoutSeconds=60&resourceVersion=" + rv)) {
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
          for (String line; (line = r.readLine()) != null; ) {
            JsonNode e = Json.parse(line.getBytes(StandardCharsets.UTF_8));
            events.add(e.path("type").asText() + " " + e.at("/object/metadata/name").asText());
          }
        } catch (Exception e) {
          events.add("END " + e);
        }
      });
      try {
        flaky.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.containsAll(List.of("DELETED flaky.f-0", "DELETED flaky.f-1", "DELETED flaky.f-2")));
        assertThat(fx.gateway().isAttached("flaky")).isFalse();
        // The other member is unaffected, and its changes still arrive.
        up.create(TestMemberCluster.PODS, TestObjects.pod("default", "u-during", null, "10m", "16Mi"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("ADDED up.u-during"));
        assertThat(fx.get("/api/v1/pods").json().path("items").size()).isEqualTo(4);

        flaky.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.containsAll(List.of("ADDED flaky.f-0", "ADDED flaky.f-1", "ADDED flaky.f-2")));
        flaky.create(TestMemberCluster.PODS, TestObjects.pod("default", "f-after", null, "10m", "16Mi"));
        await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("ADDED flaky.f-after"));
        assertThat(fx.get("/api/v1/pods").json().path("items").size()).isEqualTo(8);
      } finally {
        reader.interrupt();
      }
    }
  }

  @Test
  void aRemovedMemberLeavesTheView() throws Exception {
    try (GatewayFixture fx = GatewayFixture.start(List.of("stay", "leave"), GatewayOptions.defaults())) {
      fx.member("stay").create(TestMemberCluster.NODES, TestObjects.node("n", "4", "8Gi", 10, Map.of(), true));
      fx.member("leave").create(TestMemberCluster.NODES, TestObjects.node("n", "4", "8Gi", 10, Map.of(), true));
      await().atMost(Duration.ofSeconds(20)).until(() -> fx.get("/api/v1/nodes").json().path("items").size() == 2);
      fx.registry().remove("leave");
      await().atMost(Duration.ofSeconds(20)).until(() -> fx.get("/api/v1/nodes").json().path("items").size() == 1);
      assertThat(fx.get("/api/v1/nodes/stay.n").code()).isEqualTo(200);
      assertThat(fx.get("/api/v1/nodes/leave.n").code()).isEqualTo(404);
    }
  }
}
