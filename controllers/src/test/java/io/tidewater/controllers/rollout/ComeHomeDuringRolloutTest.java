package io.tidewater.controllers.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A come-home step that lands while a Fleet-Root rollout is in flight: its new copies are surge
 * pods, and members already rolling cannot give back the surge they were granted, so the growth
 * waits on the member's running replicas until that surge is free. Template: 10 replicas,
 * {@code maxSurge: 2}, {@code maxUnavailable: 0}; idc member {@code a} runs 6, cloud member
 * {@code b} runs 4, and the scheduler has just placed 2 more in {@code a} (come home).
 */
class ComeHomeDuringRolloutTest {
  private static final long GENERATION = 2;

  private static ObjectNode deployment(String image, int replicas, int maxSurge, int maxUnavailable) {
    ObjectNode t = Json.object();
    t.put("apiVersion", "apps/v1").put("kind", "Deployment");
    t.putObject("metadata").put("name", "web").put("namespace", "ns").put("generation", GENERATION);
    ObjectNode spec = t.putObject("spec").put("replicas", replicas);
    spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("maxSurge", maxSurge).put("maxUnavailable", maxUnavailable);
    spec.putObject("template").putObject("spec").putArray("containers").addObject().put("name", "app").put("image", image);
    return t;
  }

  private static final ObjectNode OLD = deployment("web:1", 10, 2, 0);
  private static final ObjectNode NEW = deployment("web:2", 10, 2, 0);

  /** What a member's Work carries: {@code template} rendered at {@code replicas}, with a member budget when {@code surge > 0}. */
  private static ObjectNode work(ObjectNode template, int replicas, int surge) {
    ObjectNode m = template.deepCopy();
    ((ObjectNode) m.path("spec")).put("replicas", replicas);
    ((ObjectNode) m.path("spec").path("strategy").path("rollingUpdate")).put("maxSurge", surge).put("maxUnavailable", 0);
    ((ObjectNode) m.path("metadata")).putObject("annotations").put(PodTemplateHash.ANNOTATION, PodTemplateHash.of(template.path("spec").path("template")));
    return m;
  }

  private static JsonNode status(long observed, int replicas, int updated, int available) {
    return Json.object().put("observedGeneration", observed).put("replicas", replicas).put("updatedReplicas", updated).put("availableReplicas", available);
  }

  private static FleetRollout.MemberManifests member(String cluster, int target, ObjectNode current, JsonNode status) {
    ObjectNode rendered = NEW.deepCopy();
    ((ObjectNode) rendered.path("spec")).put("replicas", target);
    return new FleetRollout.MemberManifests(cluster, target, rendered, current, status);
  }

  private static int replicas(FleetRollout.MemberManifests m) {
    return m.rendered().path("spec").path("replicas").asInt();
  }

  private static String image(FleetRollout.MemberManifests m) {
    return m.rendered().path("spec").path("template").path("spec").path("containers").path(0).path("image").asText();
  }

  @Test
  void comeHomeGrowthWaitsWhileRollingMembersHoldTheWholeSurge() {
    // b rolls with the whole surge (6 pods for 4 replicas); a waits on the old template.
    FleetRollout.MemberManifests a = member("a", 8, work(OLD, 6, 0), status(1, 6, 6, 6));
    FleetRollout.MemberManifests b = member("b", 4, work(NEW, 4, 2), status(GENERATION, 6, 2, 4));
    FleetRollout.shape(NEW, List.of(a, b));

    assertThat(replicas(a)).as("a's come-home copies wait: b holds all the surge").isEqualTo(6);
    assertThat(image(a)).isEqualTo("web:1");
    assertThat(replicas(b)).isEqualTo(4);
    assertThat(replicas(a) + replicas(b) + 2).as("pods at most").isLessThanOrEqualTo(10 + 2);
  }

  @Test
  void theGrowthStartsOnceTheRollingMemberHasFinishedAndFreedItsSurge() {
    FleetRollout.MemberManifests a = member("a", 8, work(OLD, 6, 0), status(1, 6, 6, 6));
    FleetRollout.MemberManifests b = member("b", 4, work(NEW, 4, 2), status(GENERATION, 4, 4, 4));
    FleetRollout.shape(NEW, List.of(a, b));

    assertThat(replicas(a)).isEqualTo(8);
    // The 2 new copies are the whole surge: a gets no budget to roll on top of them yet.
    assertThat(image(a)).isEqualTo("web:1");
  }

  @Test
  void aMemberHeldBackWhileItRollsFinishesOnTheReplicasItRunsAndThenGrows() {
    ObjectNode wide = deployment("web:2", 10, 4, 0);
    FleetRollout.MemberManifests a = member("a", 8, work(wide, 6, 4), status(GENERATION, 10, 4, 6));
    FleetRollout.MemberManifests b = member("b", 4, work(wide, 4, 0), status(GENERATION, 4, 4, 4));
    FleetRollout.shape(wide, List.of(a, b));
    assertThat(replicas(a)).as("rolling with the whole surge").isEqualTo(6);

    FleetRollout.MemberManifests done = member("a", 8, work(wide, 6, 4), status(GENERATION, 6, 6, 6));
    FleetRollout.MemberManifests b2 = member("b", 4, work(wide, 4, 0), status(GENERATION, 4, 4, 4));
    FleetRollout.shape(wide, List.of(done, b2));
    assertThat(replicas(done)).as("finished at 6, so its surge is free for the come-home copies").isEqualTo(8);
  }

  @Test
  void withoutARolloutInFlightComingHomeIsNotCutToTheSurge() {
    ObjectNode settled = work(NEW, 6, 0);
    FleetRollout.MemberManifests a = member("a", 11, settled, status(GENERATION, 6, 6, 6));
    FleetRollout.MemberManifests b = member("b", 4, work(NEW, 4, 0), status(GENERATION, 4, 4, 4));
    FleetRollout.shape(NEW, List.of(a, b));
    assertThat(replicas(a)).isEqualTo(11);
  }
}
