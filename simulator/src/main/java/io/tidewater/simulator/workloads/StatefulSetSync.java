package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.storage.WriteTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One sync of one StatefulSet, as Kubernetes' {@code updateStatefulSet}: create missing pods (in
 * order, waiting on each, unless Parallel), delete pods beyond the ordinal range (highest first),
 * then replace pods of the old revision from the highest ordinal down to the partition. Returns
 * the status to write.
 */
final class StatefulSetSync {
  private static final String MANAGER = StatefulSetController.MANAGER;

  private final ObjectNode set;
  private final StatefulSetRevisions.Resolved revs;
  private final List<ObjectNode> owned;
  private final Instant now;
  private final RegistryStorage pods;
  private final EventRecorder events;
  private final WriteTracker writes;
  private final String currentName;
  private final String updateName;
  private final long minReadySeconds;
  private final int start;
  private final boolean monotonic;

  StatefulSetSync(
      ObjectNode set, StatefulSetRevisions.Resolved revs, List<ObjectNode> owned, Instant now, RegistryStorage pods, EventRecorder events,
      WriteTracker writes) {
    this.set = set;
    this.revs = revs;
    this.owned = owned;
    this.now = now;
    this.pods = pods;
    this.events = events;
    this.writes = writes;
    this.currentName = ObjectMetas.name(revs.current());
    this.updateName = ObjectMetas.name(revs.update());
    this.minReadySeconds = set.path("spec").path("minReadySeconds").asLong(0);
    this.start = set.path("spec").path("ordinals").path("start").asInt(0);
    this.monotonic = !"Parallel".equals(set.path("spec").path("podManagementPolicy").asText("OrderedReady"));
  }

  ObjectNode run() {
    int count = (int) set.path("spec").path("replicas").asLong(1);
    ObjectNode[] replicas = new ObjectNode[count];
    List<ObjectNode> condemned = new ArrayList<>();
    for (ObjectNode pod : owned) {
      int ord = StatefulSetPods.ordinal(pod);
      if (ord >= start && ord < start + count) {
        replicas[ord - start] = pod;
      } else if (ord >= 0) {
        condemned.add(pod);
      }
    }
    for (int i = 0; i < count; i++) {
      if (replicas[i] == null) {
        replicas[i] = newVersionedPod(start + i);
      }
    }
    condemned.sort(Comparator.comparingInt(StatefulSetPods::ordinal).reversed());
    ObjectNode firstUnhealthy = null;
    for (ObjectNode p : replicas) {
      if (!StatefulSetPods.isHealthy(p) && firstUnhealthy == null) {
        firstUnhealthy = p;
      }
    }
    for (int i = condemned.size() - 1; i >= 0; i--) {
      if (!StatefulSetPods.isHealthy(condemned.get(i)) && firstUnhealthy == null) {
        firstUnhealthy = condemned.get(i);
      }
    }
    if (ObjectMetas.isDeleting(set)) {
      return status(replicas, condemned, 0);
    }
    for (int i = 0; i < replicas.length; i++) {
      if (processReplica(replicas, i) && monotonic) {
        return status(replicas, condemned, 0);
      }
    }
    for (ObjectNode pod : condemned) {
      if (processCondemned(pod, firstUnhealthy) && monotonic) {
        return status(replicas, condemned, 0);
      }
    }
    if (!"RollingUpdate".equals(set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))) {
      return status(replicas, condemned, 0);
    }
    int partition = set.path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
    for (int target = replicas.length - 1; target >= partition; target--) {
      ObjectNode pod = replicas[target];
      if (!StatefulSetPods.revision(pod).equals(updateName) && !Pods.isTerminating(pod)) {
        if (StatefulSetPods.isCreated(pod)) {
          delete(pod, "for update");
        }
        return status(replicas, condemned, 1);
      }
      if (!StatefulSetPods.isHealthy(pod)) {
        return status(replicas, condemned, 0); // wait for the replaced pod before the next one
      }
    }
    return status(replicas, condemned, 0);
  }

  /** A pod for a missing ordinal: below the partition at the current revision, else the update revision. */
  private ObjectNode newVersionedPod(int ordinal) {
    JsonNode strategy = set.path("spec").path("updateStrategy");
    boolean rolling = "RollingUpdate".equals(strategy.path("type").asText("RollingUpdate"));
    JsonNode rollingUpdate = strategy.get("rollingUpdate");
    boolean useCurrent = (rolling && (rollingUpdate == null || rollingUpdate.isNull())
            && ordinal < start + set.path("status").path("currentReplicas").asInt(0))
        || (rollingUpdate != null && !rollingUpdate.isNull() && ordinal < start + rollingUpdate.path("partition").asInt(0));
    ObjectNode revision = useCurrent ? revs.current() : revs.update();
    return StatefulSetPods.newPod(set, StatefulSetRevisions.template(revision), ordinal, ObjectMetas.name(revision));
  }

  /** Kubernetes' {@code processReplica}; true when an OrderedReady set must wait. */
  private boolean processReplica(ObjectNode[] replicas, int i) {
    ObjectNode pod = replicas[i];
    if (Pods.isTerminal(pod)) {
      if (!Pods.isTerminating(pod)) {
        delete(pod, "to restart it");
      }
      return true;
    }
    if (!StatefulSetPods.isCreated(pod)) {
      create(pod);
      if (monotonic) {
        return true;
      }
      return false;
    }
    if (Pods.isTerminating(pod) && monotonic) {
      return true;
    }
    if (!StatefulSetPods.isRunningAndReady(pod) && monotonic) {
      return true;
    }
    if (!StatefulSetPods.isRunningAndAvailable(pod, minReadySeconds, now) && monotonic) {
      return true;
    }
    fixIdentity(pod);
    return false;
  }

  /** Kubernetes' {@code processCondemned}: scale down from the highest ordinal, one by one if OrderedReady. */
  private boolean processCondemned(ObjectNode pod, ObjectNode firstUnhealthy) {
    if (Pods.isTerminating(pod)) {
      return monotonic;
    }
    if (!StatefulSetPods.isRunningAndReady(pod) && monotonic && pod != firstUnhealthy) {
      return true;
    }
    if (!StatefulSetPods.isRunningAndAvailable(pod, minReadySeconds, now) && monotonic && pod != firstUnhealthy) {
      return true;
    }
    delete(pod, "for scale down");
    return true;
  }

  private void create(ObjectNode pod) {
    try {
      writes.wrote(pods.create(ObjectMetas.namespace(pod), pod, WriteOptions.of(MANAGER)));
      events.normal(set, "SuccessfulCreate", "create Pod " + ObjectMetas.name(pod) + " in StatefulSet " + ObjectMetas.name(set) + " successful", MANAGER);
    } catch (ApiException e) {
      if (e.code() == 409) {
        return; // the old pod of this ordinal is still going away; next sync
      }
      events.warning(set, "FailedCreate", "create Pod " + ObjectMetas.name(pod) + " in StatefulSet " + ObjectMetas.name(set) + " failed error: " + e.getMessage(), MANAGER);
      throw e;
    }
  }

  private void delete(ObjectNode pod, String why) {
    try {
      writes.wrote(pods.delete(ObjectMetas.namespace(pod), ObjectMetas.name(pod), new DeleteOptions(false, null, null, ObjectMetas.uid(pod), null)).object());
      events.normal(set, "SuccessfulDelete", "delete Pod " + ObjectMetas.name(pod) + " in StatefulSet " + ObjectMetas.name(set) + " successful", MANAGER);
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  /** Restores the identity labels of a pod someone changed. */
  private void fixIdentity(ObjectNode pod) {
    String name = ObjectMetas.name(pod);
    String index = Integer.toString(StatefulSetPods.ordinal(pod));
    if (name.equals(ObjectMetas.label(pod, StatefulSetPods.POD_NAME_LABEL)) && index.equals(ObjectMetas.label(pod, StatefulSetPods.POD_INDEX_LABEL))) {
      return;
    }
    String uid = ObjectMetas.uid(pod);
    try {
      writes.wrote(pods.update(ObjectMetas.namespace(pod), name, current -> {
        if (uid.equals(ObjectMetas.uid(current))) {
          ObjectMetas.setLabel(current, StatefulSetPods.POD_NAME_LABEL, name);
          ObjectMetas.setLabel(current, StatefulSetPods.POD_INDEX_LABEL, index);
        }
        ObjectMetas.setResourceVersion(current, null);
        return current;
      }, WriteOptions.of(MANAGER)).object());
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  /** {@code updateStatus} over every pod, then {@code completeRollingUpdate}. */
  private ObjectNode status(ObjectNode[] replicas, List<ObjectNode> condemned, int currentDeleted) {
    int total = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    List<ObjectNode> all = new ArrayList<>(List.of(replicas));
    all.addAll(condemned);
    for (ObjectNode pod : all) {
      boolean created = StatefulSetPods.isCreated(pod);
      if (created) {
        total++;
      }
      if (StatefulSetPods.isRunningAndReady(pod)) {
        ready++;
        if (StatefulSetPods.isRunningAndAvailable(pod, minReadySeconds, now)) {
          available++;
        }
      }
      if (created && !Pods.isTerminating(pod)) {
        String rev = StatefulSetPods.revision(pod);
        if (rev.equals(currentName)) {
          current++;
        }
        if (rev.equals(updateName)) {
          updated++;
        }
      }
    }
    current -= currentDeleted;
    String currentRevision = currentName;
    boolean rolling = "RollingUpdate".equals(set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"));
    if (rolling && updated == total && ready == total) {
      current = updated;
      currentRevision = updateName;
    }
    ObjectNode s = Json.object();
    s.put("observedGeneration", ObjectMetas.generation(set));
    s.put("replicas", total);
    if (ready > 0) {
      s.put("readyReplicas", ready);
    }
    if (current > 0) {
      s.put("currentReplicas", current);
    }
    if (updated > 0) {
      s.put("updatedReplicas", updated);
    }
    s.put("currentRevision", currentRevision);
    s.put("updateRevision", updateName);
    s.put("collisionCount", revs.collisionCount());
    s.put("availableReplicas", available);
    return s;
  }
}
