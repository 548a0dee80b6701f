package io.tidewater.member.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.testing.TestMemberCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-side apply as field manager "tidewater", get and delete on a member. */
class ManifestWriterTest {
  static TestMemberCluster member;
  static MemberConnector connector;

  @BeforeAll
  static void start() throws Exception {
    member = TestMemberCluster.start("writes");
    connector = MemberConnector.connect("writes", member.connection(), ConnectorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    connector.close();
    member.close();
  }

  static ObjectNode deployment(String name, int replicas) {
    return (ObjectNode) Json.parse(("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"default"},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                 "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """).formatted(name, replicas, name, name).getBytes());
  }

  static ObjectReference ref(String name) {
    return new ObjectReference("apps/v1", "Deployment", "default", name);
  }

  @Test
  void appliesAsTidewaterAndReapplyingChangesNothing() {
    ObjectNode first = connector.apply(deployment("web", 3), false);
    assertThat(first.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(first.at("/metadata/managedFields")).anySatisfy(mf -> {
      assertThat(mf.path("manager").asText()).isEqualTo("tidewater");
      assertThat(mf.path("operation").asText()).isEqualTo("Apply");
    });
    ObjectNode again = connector.apply(deployment("web", 3), false);
    // Nothing changes: same generation, spec and owners. (Tidewater's API server still stores the
    // unchanged object under a new resourceVersion; Kubernetes would skip that write.)
    assertThat(again.at("/metadata/generation").asLong()).isEqualTo(first.at("/metadata/generation").asLong());
    assertThat(again.get("spec")).isEqualTo(first.get("spec"));
    assertThat(managers(again)).isEqualTo(managers(first));
    assertThat(connector.get(ref("web"))).hasValueSatisfying(o -> assertThat(o.at("/spec/replicas").asInt()).isEqualTo(3));
  }

  private static java.util.List<String> managers(ObjectNode o) {
    java.util.List<String> out = new java.util.ArrayList<>();
    o.at("/metadata/managedFields").forEach(mf -> out.add(mf.path("manager").asText() + ":" + mf.path("operation").asText()));
    return out;
  }

  @Test
  void reportsConflictsWithAnotherManagerUnlessForced() {
    ObjectNode other = deployment("contested", 2);
    connector.client().resource(io.tidewater.member.MemberObjects.serialization()
            .convertValue(other, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class))
        .fieldManager("someone-else").serverSideApply();

    assertThatThrownBy(() -> connector.apply(deployment("contested", 5), false))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
            .anySatisfy(c -> assertThat(c.field()).contains("replicas")));

    ObjectNode forced = connector.apply(deployment("contested", 5), true);
    assertThat(forced.at("/spec/replicas").asInt()).isEqualTo(5);
  }

  @Test
  void deletesWithPropagationAndReportsWhatWasNotThere() {
    connector.apply(deployment("doomed", 1), false);
    assertThat(connector.delete(ref("doomed"), DeleteRequest.propagation("Background"))).isTrue();
    assertThat(connector.get(ref("doomed"))).isEmpty();
    assertThat(connector.delete(ref("doomed"), DeleteRequest.DEFAULT)).isFalse();
  }
}
