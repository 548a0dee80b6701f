package io.tidewater.controllers.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.policy.ClusterAffinity;
import io.tidewater.api.policy.HealthGate;
import io.tidewater.api.policy.RolloutPause;
import io.tidewater.api.policy.RolloutStage;
import io.tidewater.api.policy.RolloutStrategy;
import io.tidewater.api.policy.RolloutType;
import io.tidewater.scheduler.model.ClusterInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stages of a staged rollout, and the gate between them. */
class RolloutStagesTest {
  private static final List<ClusterInfo> FLEET = List.of(info("idc-1", "idc"), info("cloud-1", "cloud"), info("idc-2", "idc"), info("edge-1", "edge"));

  private static ClusterInfo info(String name, String tier) {
    return new ClusterInfo(name, tier, "", "", "", Map.of(), List.of(), 100, 0);
  }

  @Test
  void withoutStagesEachPlacementTierIsAStageAndClustersInNoTierGoLast() {
    List<RolloutStages.Stage> stages = RolloutStages.of(null, null, FLEET);
    assertThat(stages).extracting(RolloutStages.Stage::name).containsExactly("idc", "cloud", "rest");
    assertThat(stages.get(0).clusters()).containsExactly("idc-1", "idc-2");
    assertThat(stages.get(2).clusters()).containsExactly("edge-1");
    assertThat(stages.get(0).gate().minAvailablePercent()).isEqualTo(100);
    assertThat(stages.get(0).gate().timeout()).isEqualTo("10m");
  }

  @Test
  void aCanaryStageTakesItsClustersFirstAndAClusterBelongsToTheFirstStageThatSelectsIt() {
    RolloutStrategy r = new RolloutStrategy(RolloutType.STAGED, List.of(
        new RolloutStage("canary", new ClusterAffinity(null, null, List.of("idc-2"), null), new RolloutPause("5m", null), new HealthGate(50, null, null, null)),
        new RolloutStage("idc", null, null, null)), new HealthGate(null, null, null, "30s"), null);
    List<RolloutStages.Stage> stages = RolloutStages.of(r, null, FLEET);
    assertThat(stages).extracting(RolloutStages.Stage::name).containsExactly("canary", "idc", "rest");
    assertThat(stages.get(0).clusters()).containsExactly("idc-2");
    assertThat(stages.get(1).clusters()).containsExactly("idc-1");
    assertThat(stages.get(2).clusters()).containsExactly("cloud-1", "edge-1");
    // A stage's gate fills its unset fields from the rollout's, then from the defaults.
    assertThat(stages.get(0).gate().minAvailablePercent()).isEqualTo(50);
    assertThat(stages.get(0).gate().timeout()).isEqualTo("30s");
    assertThat(stages.get(0).pause().duration()).isEqualTo("5m");
  }

  @Test
  void parallelIsOneStage() {
    RolloutStrategy r = new RolloutStrategy(RolloutType.PARALLEL, null, null, null);
    assertThat(RolloutStages.staged(r)).isFalse();
    assertThat(RolloutStages.of(r, null, FLEET)).singleElement().satisfies(s -> assertThat(s.clusters()).hasSize(4));
  }

  /** A binding whose members report the given (observedGeneration, updated, available) for 4 replicas each. */
  private static ObjectNode binding(int[]... statuses) {
    ObjectNode b = Json.object();
    var agg = b.putObject("status").putArray("aggregatedStatus");
    String[] names = {"idc-1", "idc-2"};
    for (int i = 0; i < statuses.length; i++) {
      agg.addObject().put("clusterName", names[i]).putObject("status")
          .put("observedGeneration", statuses[i][0]).put("replicas", 4).put("updatedReplicas", statuses[i][1]).put("availableReplicas", statuses[i][2]);
    }
    return b;
  }

  private static ObjectNode work(String cluster, String hash) {
    ObjectNode w = Json.object();
    w.putObject("metadata").put("name", "web-deployment").put("namespace", "tidewater-es-" + cluster);
    w.putObject("spec").putObject("workload").putArray("manifests").addObject().putObject("metadata").putObject("annotations")
        .put(PodTemplateHash.ANNOTATION, hash);
    return w;
  }

  @Test
  void theGatePassesOnlyWhenEveryMemberRunsObservesAndUpdatedTheRevisionWithEnoughAvailable() {
    RolloutStages.Stage idc = RolloutStages.of(null, null, FLEET).get(0);
    Map<String, Integer> targets = Map.of("idc-1", 4, "idc-2", 4);
    List<ObjectNode> works = List.of(work("idc-1", "new"), work("idc-2", "new"));
    assertThat(StageGate.failing(idc, targets, binding(new int[] {2, 4, 4}, new int[] {2, 4, 4}), works, "new", 2)).isNull();
    assertThat(StageGate.failing(idc, targets, binding(new int[] {2, 4, 4}, new int[] {2, 4, 3}), works, "new", 2)).contains("7 of 8 replicas available");
    assertThat(StageGate.failing(idc, targets, binding(new int[] {2, 4, 4}, new int[] {1, 4, 4}), works, "new", 2)).contains("idc-2 has not observed it");
    assertThat(StageGate.failing(idc, targets, binding(new int[] {2, 2, 4}, new int[] {2, 4, 4}), works, "new", 2)).contains("idc-1 updated 2 of 4");
    assertThat(StageGate.failing(idc, targets, binding(new int[] {2, 4, 4}, new int[] {2, 4, 4}), List.of(work("idc-1", "new"), work("idc-2", "old")), "new", 2))
        .contains("idc-2 has not started the revision");
  }

  private static ObjectNode pod(String cluster, String phase, String waiting) {
    ObjectNode p = Json.object();
    p.putObject("metadata").putObject("labels").put("tidewater.io/cluster", cluster);
    ObjectNode st = p.putObject("status").put("phase", phase);
    if (waiting != null) {
      st.putArray("containerStatuses").addObject().putObject("state").putObject("waiting").put("reason", waiting);
    }
    return p;
  }

  @Test
  void crashLoopingOrFailedPodsInTheStageFailTheGateAtOnceAndOthersDoNot() {
    RolloutStages.Stage idc = RolloutStages.of(null, null, FLEET).get(0);
    assertThat(StageGate.brokenPods(idc, List.of(pod("idc-1", "Running", null), pod("cloud-1", "Running", "CrashLoopBackOff")))).isNull();
    assertThat(StageGate.brokenPods(idc, List.of(pod("idc-2", "Running", "CrashLoopBackOff")))).contains("1 pod(s) crash-looping (the gate allows 0)");
    assertThat(StageGate.brokenPods(idc, List.of(pod("idc-1", "Failed", null)))).contains("1 pod(s) failed");
    RolloutStrategy lenient = new RolloutStrategy(RolloutType.STAGED, null, new HealthGate(null, 1, 2, null), null);
    RolloutStages.Stage tolerant = RolloutStages.of(lenient, null, FLEET).get(0);
    assertThat(StageGate.brokenPods(tolerant, List.of(pod("idc-1", "Running", "CrashLoopBackOff"), pod("idc-2", "Running", "CrashLoopBackOff"),
        pod("idc-1", "Failed", null)))).isNull();
  }
}
