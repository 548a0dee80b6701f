package io.tidewater.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Merged names, the references rewritten with them, and the gateway's revision seed. */
class ObjectRewriterTest {

  static ObjectNode json(String s) {
    return (ObjectNode) Json.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mergedNamesSplitAtTheFirstDot() {
    assertThat(MergedName.parse("idc-1.web-7d9f.abc")).contains(new MergedName("idc-1", "web-7d9f.abc"));
    assertThat(MergedName.of("idc-1", "node.example.com")).isEqualTo("idc-1.node.example.com");
    assertThat(MergedName.parse("web")).isEmpty();
    assertThat(MergedName.parse(".web")).isEmpty();
    assertThat(MergedName.parse("Bad_Cluster.web")).isEmpty();
    assertThat(MergedName.parse("idc-1.")).isEmpty();
  }

  @Test
  void podsGetTheClusterLabelAndMergedNodeAndOwnerNames() {
    ObjectNode pod = json("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default","selfLink":"/x",
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d8","uid":"u1"}]},
         "spec":{"nodeName":"n1"},"status":{"nominatedNodeName":"n2"}}""");
    ObjectRewriter.toMerged(MergedKind.PODS, "east", pod);
    assertThat(pod.at("/metadata/name").asText()).isEqualTo("east.web-1");
    assertThat(pod.at("/metadata/namespace").asText()).isEqualTo("default");
    assertThat(pod.at("/metadata/labels/tidewater.io~1cluster").asText()).isEqualTo("east");
    assertThat(pod.at("/metadata").has("selfLink")).isFalse();
    assertThat(pod.at("/metadata/ownerReferences/0/name").asText()).isEqualTo("east.web-5d8");
    assertThat(pod.at("/spec/nodeName").asText()).isEqualTo("east.n1");
    assertThat(pod.at("/status/nominatedNodeName").asText()).isEqualTo("east.n2");
  }

  @Test
  void referencesToFederationTemplatesKeepTheirNames() {
    ObjectNode rs = json("""
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d8","namespace":"default","labels":{"app":"web"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u0"}]}}""");
    ObjectRewriter.toMerged(MergedKind.REPLICASETS, "west", rs);
    assertThat(rs.at("/metadata/name").asText()).isEqualTo("west.web-5d8");
    assertThat(rs.at("/metadata/labels/app").asText()).isEqualTo("web");
    assertThat(rs.at("/metadata/ownerReferences/0/name").asText()).isEqualTo("web");
  }

  @Test
  void eventsPointAtMergedObjects() {
    ObjectNode ev = json("""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-1.17a","namespace":"default"},
         "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1"},
         "related":{"kind":"Node","name":"n1"},"source":{"component":"kubelet","host":"n1"},"reason":"Started"}""");
    ObjectRewriter.toMerged(MergedKind.EVENTS, "east", ev);
    assertThat(ev.at("/metadata/name").asText()).isEqualTo("east.web-1.17a");
    assertThat(ev.at("/involvedObject/name").asText()).isEqualTo("east.web-1");
    assertThat(ev.at("/related/name").asText()).isEqualTo("east.n1");
    assertThat(ev.at("/source/host").asText()).isEqualTo("east.n1");

    ObjectNode aboutTemplate = json("""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"default"},
         "involvedObject":{"kind":"Deployment","namespace":"default","name":"web"}}""");
    ObjectRewriter.toMerged(MergedKind.EVENTS, "east", aboutTemplate);
    assertThat(aboutTemplate.at("/involvedObject/name").asText()).isEqualTo("web");
  }

  @Test
  void revisionsStartAboveEverythingAnEarlierRunHandedOut() {
    Clock before = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    GatewayRevisions first = new GatewayRevisions(before);
    for (int i = 0; i < 10_000; i++) {
      first.next();
    }
    GatewayRevisions restarted = new GatewayRevisions(Clock.offset(before, java.time.Duration.ofSeconds(1)));
    assertThat(restarted.current()).isGreaterThan(first.current());
    assertThat(first.current()).isLessThan(1L << 53); // exact in every JSON number parser
  }
}
