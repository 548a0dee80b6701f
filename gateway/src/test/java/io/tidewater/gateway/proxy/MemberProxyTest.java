package io.tidewater.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.testing.GatewayFixture;
import io.tidewater.member.testing.TestMemberCluster;
import io.tidewater.member.testing.TestObjects;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pods/log through the merged view, and the per-cluster proxy for any request. */
class MemberProxyTest {
  static final String PROXY = "/apis/cluster.tidewater.io/v1alpha1/clusters/";
  static GatewayFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = GatewayFixture.start(List.of("alpha", "beta"), GatewayOptions.defaults());
    for (TestMemberCluster m : fx.members()) {
      m.create(TestMemberCluster.NODES, TestObjects.node("n1", "8", "32Gi", 110, Map.of(), true));
      m.create(TestMemberCluster.PODS, TestObjects.pod("default", "api", "n1", "100m", "64Mi"));
    }
    await().atMost(Duration.ofSeconds(20))
        .until(() -> fx.get("/api/v1/namespaces/default/pods/alpha.api").code() == 200 && fx.get("/api/v1/namespaces/default/pods/beta.api").code() == 200);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void logsComeFromTheMemberThatRunsThePod() {
    GatewayFixture.Response r = fx.get("/api/v1/namespaces/default/pods/beta.api/log?container=sidecar");
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.body()).startsWith("beta default/api/sidecar line 1\n").contains("line 3");
    assertThat(fx.get("/api/v1/namespaces/default/pods/alpha.api/log").body()).startsWith("alpha default/api/main line 1");
    assertThat(fx.get("/api/v1/namespaces/default/pods/alpha.nope/log").code()).isEqualTo(404);
  }

  @Test
  void followedLogsStream() throws Exception {
    try (InputStream in = fx.stream("/api/v1/namespaces/default/pods/alpha.api/log?follow=true")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        lines.add(r.readLine());
      }
      // Lines 4 and later are written one by one, 100 ms apart, after the response started.
      assertThat(lines).last().isEqualTo("alpha default/api/main line 6");
    }
  }

  @Test
  void theProxyPassesAnyRequestToTheNamedMemberWithItsCredentials() throws Exception {
    JsonNode raw = fx.get(PROXY + "alpha/proxy/api/v1/namespaces/default/pods/api").json();
    assertThat(raw.at("/metadata/name").asText()).isEqualTo("api");
    assertThat(raw.at("/metadata/labels").has("tidewater.io/cluster")).isFalse();

    String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"via-proxy\"},\"data\":{\"k\":\"v\"}}";
    GatewayFixture.Response created = fx.send("POST", PROXY + "beta/proxy/api/v1/namespaces/default/configmaps", "application/json", cm, Map.of());
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(fx.member("beta").storage(new GroupVersionResource("", "v1", "configmaps")).get("default", "via-proxy", GetOptions.LATEST)
        .object().at("/data/k").asText()).isEqualTo("v");
    assertThat(fx.member("alpha").storage(new GroupVersionResource("", "v1", "configmaps"))
        .list("default", io.tidewater.apiserver.storage.ListOptions.everything()).items()).noneMatch(o -> o.name().equals("via-proxy"));

    // A member's own errors come back as they are.
    GatewayFixture.Response missing = fx.get(PROXY + "alpha/proxy/api/v1/namespaces/default/configmaps/via-proxy");
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.json().path("kind").asText()).isEqualTo("Status");

    GatewayFixture.Response unknown = fx.get(PROXY + "gamma/proxy/api/v1/pods");
    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.json().path("message").asText()).contains("gamma");
  }

  @Test
  void watchesStreamThroughTheProxy() throws Exception {
    try (InputStream in = fx.stream(PROXY + "alpha/proxy/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=10")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      JsonNode first = Json.parse(r.readLine().getBytes(StandardCharsets.UTF_8));
      assertThat(first.path("type").asText()).isEqualTo("ADDED");
      fx.member("alpha").create(TestMemberCluster.PODS, TestObjects.pod("default", "watched", "n1", "100m", "64Mi"));
      String name = "";
      while (!name.equals("watched")) {
        JsonNode e = Json.parse(r.readLine().getBytes(StandardCharsets.UTF_8));
        name = e.at("/object/metadata/name").asText();
      }
      assertThat(name).isEqualTo("watched");
    }
  }
}
