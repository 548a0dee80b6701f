package io.tidewater.controllers.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fleet-Root's shaping of a StatefulSet's member manifests: one global maxUnavailable, partition split across members. */
class StatefulSetFleetRolloutTest {

  private static ObjectNode template(String image, int replicas, int partition) {
    ObjectNode t = Json.object();
    t.put("apiVersion", "apps/v1").put("kind", "StatefulSet");
    t.putObject("metadata").put("name", "db").put("namespace", "ns").put("generation", 2);
    ObjectNode spec = t.putObject("spec").put("replicas", replicas);
    spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("partition", partition);
    spec.putObject("template").putObject("spec").putArray("containers").addObject().put("name", "db").put("image", image);
    return t;
  }

  /** What the member runs: the old template rendered, tagged, with a given partition. */
  private static ObjectNode running(ObjectNode oldTemplate, int replicas, int partition) {
    ObjectNode m = oldTemplate.deepCopy();
    ((ObjectNode) m.path("spec")).put("replicas", replicas);
    ((ObjectNode) m.path("spec").path("updateStrategy").path("rollingUpdate")).put("partition", partition);
    ((ObjectNode) m.path("metadata")).putObject("annotations").put(PodTemplateHash.ANNOTATION, PodTemplateHash.of(oldTemplate.path("spec").path("template")));
    return m;
  }

  private static JsonNode settled(int replicas) {
    ObjectNode st = Json.object();
    st.put("observedGeneration", 1).put("replicas", replicas).put("readyReplicas", replicas).put("availableReplicas", replicas).put("updatedReplicas", replicas);
    return st;
  }

  private static List<FleetRollout.MemberManifests> members(ObjectNode newTemplate, ObjectNode oldTemplate) {
    List<FleetRollout.MemberManifests> out = new ArrayList<>();
    for (String c : List.of("a", "b", "c")) {
      ObjectNode rendered = newTemplate.deepCopy();
      ((ObjectNode) rendered.path("spec")).put("replicas", 3);
      out.add(new FleetRollout.MemberManifests(c, 3, rendered, running(oldTemplate, 3, 0), settled(3)));
    }
    return out;
  }

  private static String image(FleetRollout.MemberManifests m) {
    return m.rendered().path("spec").path("template").path("spec").path("containers").path(0).path("image").asText();
  }

  private static int partition(FleetRollout.MemberManifests m) {
    return m.rendered().path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(-1);
  }

  @Test
  void oneMemberRollsAtATimeAndThePartitionIsKeptByTheLastMembers() {
    ObjectNode oldT = template("db:1", 9, 0);
    ObjectNode newT = template("db:2", 9, 4);
    List<FleetRollout.MemberManifests> ms = members(newT, oldT);
    FleetRollout.shape(newT, ms);
    // Only the first member starts rolling (global maxUnavailable 1); it keeps nothing old. The
    // last keeps all 3 of its replicas old, so it takes the new template behind partition 3 at once.
    assertThat(ms.stream().map(StatefulSetFleetRolloutTest::image)).containsExactly("db:2", "db:1", "db:2");
    assertThat(partition(ms.get(0))).isZero();
    assertThat(ms.get(0).rendered().path("spec").path("updateStrategy").path("rollingUpdate").path("maxUnavailable").asInt()).isEqualTo(1);
    // The waiting member keeps what it runs, partition included.
    assertThat(partition(ms.get(1))).isZero();
    assertThat(partition(ms.get(2))).isEqualTo(3);
  }

  @Test
  void partitionSplitsFromTheEndOfTheRolloutOrderAndSumsToTheTemplates() {
    List<FleetRollout.MemberManifests> ms = members(template("db:2", 9, 4), template("db:1", 9, 0));
    assertThat(MemberPartitions.split(4, ms)).containsEntry("c", 3).containsEntry("b", 1).containsEntry("a", 0);
    assertThat(MemberPartitions.split(20, ms).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(9);
    assertThat(MemberPartitions.split(0, ms).values()).containsOnly(0);
  }

  @Test
  void aMemberWhoseReplicasAllStayOldTakesTheNewTemplateAtOnceBehindItsPartition() {
    ObjectNode oldT = template("db:1", 9, 0);
    ObjectNode newT = template("db:2", 9, 4);
    List<FleetRollout.MemberManifests> ms = members(newT, oldT);
    // a and b already run the new template with their partitions; a is done, b is rolling.
    ObjectNode a = running(newT, 3, 0);
    ObjectNode b = running(newT, 3, 1);
    ((ObjectNode) b.path("spec").path("updateStrategy").path("rollingUpdate")).put("maxUnavailable", 1);
    ObjectNode bStatus = (ObjectNode) settled(3).deepCopy();
    bStatus.put("observedGeneration", 2).put("updatedReplicas", 1);
    ObjectNode aStatus = ((ObjectNode) settled(3).deepCopy()).put("observedGeneration", 2);
    ms.set(0, new FleetRollout.MemberManifests("a", 3, ms.get(0).rendered(), a, aStatus));
    ms.set(1, new FleetRollout.MemberManifests("b", 3, ms.get(1).rendered(), b, bStatus));
    FleetRollout.shape(newT, ms);
    // c keeps all 3 old: nothing to roll there, so it takes the new template behind partition 3 at once.
    assertThat(ms.stream().map(StatefulSetFleetRolloutTest::image)).containsOnly("db:2");
    assertThat(ms.stream().map(StatefulSetFleetRolloutTest::partition)).containsExactly(0, 1, 3);
  }
}
