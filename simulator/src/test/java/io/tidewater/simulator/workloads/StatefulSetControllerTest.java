package io.tidewater.simulator.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.storage.EventType;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.testing.ClusterFixture;
import io.tidewater.simulator.testing.PodEventRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatefulSetControllerTest {
  static ClusterFixture cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start("sts", SimulatedClusterSpec.of(NodePoolSpec.of("general", 3, "16", "64Gi")).withPodTimings(PodTimings.FAST));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static void createSet(String name, int replicas, String policy, int start) {
    cluster.create(cluster.statefulSets(), """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: %s, namespace: default}
        spec:
          replicas: %d
          serviceName: %s
          podManagementPolicy: %s
          ordinals: {start: %d}
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - name: db
                image: "registry.example/db:v1"
                volumeMounts: [{name: data, mountPath: /data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """.formatted(name, replicas, name, policy, start, name, name));
  }

  private static Map<Integer, ObjectNode> podsOf(String set, Map<String, ObjectNode> pods) {
    Map<Integer, ObjectNode> byOrdinal = new TreeMap<>();
    for (ObjectNode p : pods.values()) {
      if (set.equals(ObjectMetas.label(p, "app"))) {
        byOrdinal.put(StatefulSetPods.ordinal(p), p);
      }
    }
    return byOrdinal;
  }

  private static ObjectNode awaitReady(String set, int replicas) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ObjectNode s = cluster.get(cluster.statefulSets(), "default", set);
      assertThat(s.path("status").path("observedGeneration").asLong()).isEqualTo(ObjectMetas.generation(s));
      assertThat(s.path("status").path("readyReplicas").asInt()).isEqualTo(replicas);
      assertThat(s.path("status").path("replicas").asInt()).isEqualTo(replicas);
    });
    return cluster.get(cluster.statefulSets(), "default", set);
  }

  @Test
  void orderedReadyCreatesPodsInOrderFromTheStartOrdinal() throws Exception {
    List<Integer> added = new ArrayList<>();
    try (PodEventRecorder recorder = new PodEventRecorder(cluster.pods(), "default", (event, pods) -> {
      if (event.type() != EventType.ADDED || !"ordered".equals(event.object().labels().get("app"))) {
        return null;
      }
      int ordinal = StatefulSetPods.ordinal(event.object().object());
      added.add(ordinal);
      for (Map.Entry<Integer, ObjectNode> e : podsOf("ordered", pods).entrySet()) {
        if (e.getKey() < ordinal && !StatefulSetPods.isRunningAndReady(e.getValue())) {
          return "pod " + ordinal + " created before pod " + e.getKey() + " was running and ready";
        }
      }
      return null;
    })) {
      createSet("ordered", 4, "OrderedReady", 3);
      ObjectNode set = awaitReady("ordered", 4);
      assertThat(recorder.violations()).isEmpty();
      assertThat(added).containsExactly(3, 4, 5, 6);
      ObjectNode pod = cluster.get(cluster.pods(), "default", "ordered-4");
      assertThat(pod.path("spec").path("hostname").asText()).isEqualTo("ordered-4");
      assertThat(pod.path("spec").path("subdomain").asText()).isEqualTo("ordered");
      assertThat(ObjectMetas.label(pod, StatefulSetPods.POD_INDEX_LABEL)).isEqualTo("4");
      assertThat(ObjectMetas.label(pod, StatefulSetPods.REVISION_LABEL)).isEqualTo(set.path("status").path("updateRevision").asText());
      assertThat(pod.path("spec").path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText()).isEqualTo("data-ordered-4");
    }
  }

  @Test
  void parallelCreatesEveryPodAtOnceAndOrderedScaleDownRemovesTheHighestFirst() throws Exception {
    List<String> addedBeforeFirstRunning = new ArrayList<>();
    boolean[] running = {false};
    try (PodEventRecorder recorder = new PodEventRecorder(cluster.pods(), "default", (event, pods) -> {
      if (!"burst".equals(event.object().labels().get("app"))) {
        return null;
      }
      if ("Running".equals(Pods.phase(event.object().object()))) {
        running[0] = true;
      }
      if (event.type() == EventType.ADDED && !running[0]) {
        addedBeforeFirstRunning.add(event.object().name());
      }
      return null;
    })) {
      createSet("burst", 4, "Parallel", 0);
      awaitReady("burst", 4);
      // Parallel does not wait for a pod to run before creating the next.
      assertThat(addedBeforeFirstRunning).containsExactlyInAnyOrder("burst-0", "burst-1", "burst-2", "burst-3");
    }
    createSet("shrink", 3, "OrderedReady", 0);
    awaitReady("shrink", 3);
    List<Integer> deleted = new ArrayList<>();
    try (PodEventRecorder recorder = new PodEventRecorder(cluster.pods(), "default", (event, pods) -> {
      if ("shrink".equals(event.object().labels().get("app")) && event.type() == EventType.MODIFIED
          && Pods.isTerminating(event.object().object()) && !deleted.contains(StatefulSetPods.ordinal(event.object().object()))) {
        deleted.add(StatefulSetPods.ordinal(event.object().object()));
      }
      return null;
    })) {
      cluster.update(cluster.statefulSets(), "default", "shrink", s -> ((ObjectNode) s.get("spec")).put("replicas", 1));
      await().atMost(Duration.ofSeconds(30)).until(() -> podsOf("shrink", byName()).size() == 1);
      assertThat(deleted).containsExactly(2, 1);
    }
  }

  @Test
  void partitionKeepsExactlyThatManyPodsOnTheOldRevision() throws Exception {
    createSet("part", 5, "OrderedReady", 0);
    ObjectNode before = awaitReady("part", 5);
    String oldRevision = before.path("status").path("currentRevision").asText();
    List<Integer> replacedOrder = new ArrayList<>();
    try (PodEventRecorder recorder = new PodEventRecorder(cluster.pods(), "default", (event, pods) -> {
      ObjectNode p = event.object().object();
      if ("part".equals(event.object().labels().get("app")) && event.type() == EventType.MODIFIED && Pods.isTerminating(p)
          && !replacedOrder.contains(StatefulSetPods.ordinal(p))) {
        replacedOrder.add(StatefulSetPods.ordinal(p));
      }
      return null;
    })) {
      cluster.update(cluster.statefulSets(), "default", "part", s -> {
        ((ObjectNode) s.path("spec").path("updateStrategy")).putObject("rollingUpdate").put("partition", 2);
        ((ObjectNode) s.path("spec").path("template").path("spec").path("containers").get(0)).put("image", "registry.example/db:v2");
      });
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        ObjectNode s = cluster.get(cluster.statefulSets(), "default", "part");
        assertThat(s.path("status").path("observedGeneration").asLong()).isEqualTo(ObjectMetas.generation(s));
        assertThat(s.path("status").path("updatedReplicas").asInt()).isEqualTo(3);
        assertThat(s.path("status").path("readyReplicas").asInt()).isEqualTo(5);
      });
      Thread.sleep(500); // a controller that went past the partition would do so now
      ObjectNode s = cluster.get(cluster.statefulSets(), "default", "part");
      String newRevision = s.path("status").path("updateRevision").asText();
      assertThat(newRevision).isNotEqualTo(oldRevision);
      assertThat(s.path("status").path("currentRevision").asText()).isEqualTo(oldRevision);
      Map<Integer, ObjectNode> pods = podsOf("part", byName());
      assertThat(pods).hasSize(5);
      for (int i = 0; i < 5; i++) {
        String expected = i < 2 ? oldRevision : newRevision;
        assertThat(StatefulSetPods.revision(pods.get(i))).as("revision of part-" + i).isEqualTo(expected);
        assertThat(pods.get(i).path("spec").path("containers").get(0).path("image").asText()).endsWith(i < 2 ? ":v1" : ":v2");
      }
      assertThat(replacedOrder).containsExactly(4, 3, 2);
      assertThat(cluster.list(cluster.controllerRevisions(), "default").stream()
          .filter(r -> ObjectMetas.name(r).startsWith("part-")).count()).isEqualTo(2);

      cluster.update(cluster.statefulSets(), "default", "part",
          x -> ((ObjectNode) x.path("spec").path("updateStrategy").path("rollingUpdate")).put("partition", 0));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        ObjectNode done = cluster.get(cluster.statefulSets(), "default", "part");
        assertThat(done.path("status").path("currentRevision").asText()).isEqualTo(newRevision);
        assertThat(done.path("status").path("updatedReplicas").asInt()).isEqualTo(5);
        assertThat(done.path("status").path("currentReplicas").asInt()).isEqualTo(5);
      });
      assertThat(replacedOrder).containsExactly(4, 3, 2, 1, 0);
    }
  }

  private static Map<String, ObjectNode> byName() {
    Map<String, ObjectNode> out = new TreeMap<>();
    for (ObjectNode p : cluster.list(cluster.pods(), "default")) {
      if (!Pods.isTerminating(p)) {
        out.put(ObjectMetas.name(p), p);
      }
    }
    return out;
  }
}
