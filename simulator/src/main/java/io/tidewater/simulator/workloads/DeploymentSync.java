package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.GetOptions;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.simulator.events.EventRecorder;
import io.tidewater.simulator.pods.Pods;
import io.tidewater.simulator.storage.SameJson;
import io.tidewater.simulator.storage.WriteTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sync of one Deployment, as Kubernetes' deployment controller's {@code syncDeployment}: find or
 * create the new ReplicaSet and keep revisions, then scale (proportionally, on a scaling event),
 * roll (RollingUpdate within maxSurge and maxUnavailable, or Recreate), report status and
 * conditions, and trim history to {@code revisionHistoryLimit}. Works on a private copy of the
 * Deployment whose status it writes back.
 */
final class DeploymentSync {
  static final String MANAGER = DeploymentController.MANAGER;

  /** The new ReplicaSet (null if none yet) and the others, oldest first. */
  private record ReplicaSets(ReplicaSetView newRs, List<ReplicaSetView> olds) {
    List<ReplicaSetView> all() {
      List<ReplicaSetView> all = new ArrayList<>(olds);
      if (newRs != null) {
        all.add(newRs);
      }
      return all;
    }
  }

  private final RegistryStorage deployments;
  private final RegistryStorage replicaSets;
  private final RegistryStorage pods;
  private final EventRecorder events;
  private final WriteTracker writes;
  private final Instant now;
  private final ObjectNode dep;
  private final DeploymentView d;
  private final ObjectNode status;
  private final List<ReplicaSetView> rsList;

  DeploymentSync(
      RegistryStorage deployments, RegistryStorage replicaSets, RegistryStorage pods, EventRecorder events, WriteTracker writes, Instant now,
      ObjectNode deployment, List<ReplicaSetView> owned) {
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.events = events;
    this.writes = writes;
    this.now = now;
    this.dep = deployment.deepCopy();
    this.d = new DeploymentView(dep);
    JsonNode s = dep.get("status");
    this.status = s instanceof ObjectNode o ? o : dep.putObject("status");
    this.rsList = new ArrayList<>(owned);
  }

  Reconciler.Result run() {
    if (ObjectMetas.isDeleting(dep)) {
      ReplicaSets sets = replicaSets(false);
      writeStatusIfChanged(calculateStatus(sets.all(), sets.newRs()));
      return Reconciler.Result.DONE;
    }
    checkPausedConditions();
    if (d.paused()) {
      return sync();
    }
    if (isScalingEvent()) {
      return sync();
    }
    return d.isRollingUpdate() ? rolloutRolling() : rolloutRecreate();
  }

  // ------------------------------------------------------------------ replica sets and revisions

  private ReplicaSets replicaSets(boolean createIfMissing) {
    List<ReplicaSetView> sorted = new ArrayList<>(rsList);
    sorted.sort(ReplicaSetView::byCreation);
    ReplicaSetView existing = null;
    for (ReplicaSetView rs : sorted) {
      if (Templates.equalIgnoringHash(rs.object().path("spec").path("template"), d.template())) {
        existing = rs;
        break;
      }
    }
    List<ReplicaSetView> olds = new ArrayList<>(sorted);
    olds.remove(existing);
    long maxOld = 0;
    for (ReplicaSetView rs : olds) {
      maxOld = Math.max(maxOld, rs.revision());
    }
    long newRevision = maxOld + 1;
    if (existing != null) {
      return new ReplicaSets(syncExistingNewReplicaSet(existing, newRevision), olds);
    }
    if (!createIfMissing) {
      return new ReplicaSets(null, olds);
    }
    return new ReplicaSets(createNewReplicaSet(olds, newRevision), olds);
  }

  private ReplicaSetView syncExistingNewReplicaSet(ReplicaSetView existing, long newRevision) {
    ObjectNode copy = existing.object().deepCopy();
    boolean annotationsUpdated = DeploymentAnnotations.setNewReplicaSetAnnotations(dep, copy, newRevision, true, d.replicas(), d.replicas() + d.maxSurge());
    boolean minReadyChanged = copy.path("spec").path("minReadySeconds").asLong(0) != d.minReadySeconds();
    ReplicaSetView rs = existing;
    if (annotationsUpdated || minReadyChanged) {
      rs = updateReplicaSet(existing, current -> {
        ObjectMetas.metadata(current).set("annotations", copy.path("metadata").path("annotations").deepCopy());
        ((ObjectNode) current.get("spec")).put("minReadySeconds", d.minReadySeconds());
      });
    }
    setDeploymentRevision(ObjectMetas.annotation(rs.object(), DeploymentAnnotations.REVISION));
    if (d.progressDeadlineSeconds() != null && DeploymentConditions.get(status, DeploymentConditions.PROGRESSING) == null) {
      DeploymentConditions.set(status, DeploymentConditions.condition(
          DeploymentConditions.PROGRESSING, "True", DeploymentConditions.FOUND_NEW_RS, "Found new replica set \"" + rs.name() + "\"", now));
      writeStatus();
    }
    return rs;
  }

  private ReplicaSetView createNewReplicaSet(List<ReplicaSetView> olds, long newRevision) {
    ObjectNode template = (ObjectNode) d.template().deepCopy();
    String hash = TemplateHash.of(template, d.collisionCount());
    PodsFromTemplate.labels(template).put(Templates.POD_TEMPLATE_HASH, hash);
    ObjectNode selector = dep.path("spec").path("selector").isObject() ? (ObjectNode) dep.path("spec").path("selector").deepCopy() : Json.object();
    ObjectNode matchLabels = selector.has("matchLabels") && selector.get("matchLabels").isObject()
        ? (ObjectNode) selector.get("matchLabels")
        : selector.putObject("matchLabels");
    matchLabels.put(Templates.POD_TEMPLATE_HASH, hash);
    ObjectNode rs = Json.object();
    rs.put("apiVersion", "apps/v1");
    rs.put("kind", "ReplicaSet");
    ObjectNode meta = rs.putObject("metadata");
    meta.put("name", d.name() + "-" + hash);
    meta.put("namespace", d.namespace());
    meta.set("labels", template.path("metadata").path("labels").deepCopy());
    meta.putArray("ownerReferences").add(OwnerReferences.controllerRef(dep, "apps/v1", "Deployment"));
    ObjectNode spec = rs.putObject("spec");
    spec.put("replicas", 0);
    spec.put("minReadySeconds", d.minReadySeconds());
    spec.set("selector", selector);
    spec.set("template", template);
    List<ReplicaSetView> all = new ArrayList<>(olds);
    ReplicaSetView candidate = new ReplicaSetView(rs);
    all.add(candidate);
    int newReplicas = newReplicaSetReplicas(all, candidate);
    spec.put("replicas", newReplicas);
    DeploymentAnnotations.setNewReplicaSetAnnotations(dep, rs, newRevision, false, d.replicas(), d.replicas() + d.maxSurge());
    ReplicaSetView created;
    boolean alreadyExisted = false;
    try {
      created = new ReplicaSetView(writes.wrote(replicaSets.create(d.namespace(), rs, WriteOptions.of(MANAGER))));
    } catch (ApiException e) {
      if (e.code() != 409 || !"AlreadyExists".equals(e.reason())) {
        if (d.progressDeadlineSeconds() != null) {
          DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "False", "ReplicaSetCreateError",
              "Failed to create new replica set \"" + d.name() + "-" + hash + "\": " + e.getMessage(), now));
          writeStatus();
        }
        throw e;
      }
      CachedObject found = replicaSets.get(d.namespace(), d.name() + "-" + hash, GetOptions.LATEST);
      ObjectNode existing = found.object();
      if (d.uid().equals(Pods.controllerUid(existing)) && Templates.equalIgnoringHash(existing.path("spec").path("template"), d.template())) {
        created = new ReplicaSetView(existing);
        alreadyExisted = true;
      } else {
        // A hash collision: another template has this name. Count it and try again with a new hash.
        long collisions = d.collisionCount() == null ? 0 : d.collisionCount();
        status.put("collisionCount", collisions + 1);
        writeStatus();
        throw ApiException.conflict("apps", "replicasets", d.name() + "-" + hash, "hash collision; retrying with collisionCount " + (collisions + 1));
      }
    }
    rsList.add(created);
    if (!alreadyExisted && newReplicas > 0) {
      events.normal(dep, "ScalingReplicaSet", "Scaled up replica set " + created.name() + " from 0 to " + newReplicas, MANAGER);
    }
    setDeploymentRevision(Long.toString(newRevision));
    if (!alreadyExisted && d.progressDeadlineSeconds() != null) {
      DeploymentConditions.set(status, DeploymentConditions.condition(
          DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_RS_CREATED, "Created new replica set \"" + created.name() + "\"", now));
      writeStatus();
    }
    return created;
  }

  /** Keeps the deployment's revision annotation at its new ReplicaSet's (a metadata write). */
  private void setDeploymentRevision(String revision) {
    if (revision == null || revision.equals(ObjectMetas.annotation(dep, DeploymentAnnotations.REVISION))) {
      return;
    }
    ObjectMetas.setAnnotation(dep, DeploymentAnnotations.REVISION, revision);
    String uid = d.uid();
    writes.wrote(deployments.update(d.namespace(), d.name(), current -> {
      if (!uid.equals(ObjectMetas.uid(current))) {
        throw ApiException.conflict("apps", "deployments", d.name(), "the deployment was replaced");
      }
      ObjectMetas.setAnnotation(current, DeploymentAnnotations.REVISION, revision);
      ObjectMetas.setResourceVersion(current, null);
      return current;
    }, WriteOptions.of(MANAGER)).object());
  }

  // ------------------------------------------------------------------ scaling

  /** {@code NewRSNewReplicas}, counting pods that still exist as well as specs (see {@link ReplicaSetView#podsHeldOrComing}). */
  private int newReplicaSetReplicas(List<ReplicaSetView> all, ReplicaSetView newRs) {
    if (!d.isRollingUpdate()) {
      return d.replicas();
    }
    int current = 0;
    for (ReplicaSetView rs : all) {
      current += rs == newRs ? rs.specReplicas() : rs.podsHeldOrComing();
    }
    int maxTotal = d.replicas() + d.maxSurge();
    if (current >= maxTotal) {
      return newRs.specReplicas();
    }
    int up = Math.min(maxTotal - current, d.replicas() - newRs.specReplicas());
    return newRs.specReplicas() + Math.max(up, 0);
  }

  /** Scales a ReplicaSet and refreshes its replicas annotations; true if its size changed. */
  private boolean scale(ReplicaSetView rs, int newScale) {
    int max = d.replicas() + d.maxSurge();
    boolean sizeChanges = rs.specReplicas() != newScale;
    if (!sizeChanges && !DeploymentAnnotations.replicasAnnotationsNeedUpdate(rs.object(), d.replicas(), max)) {
      return false;
    }
    int from = rs.specReplicas();
    ReplicaSetView updated = updateReplicaSet(rs, current -> {
      ((ObjectNode) current.get("spec")).put("replicas", newScale);
      DeploymentAnnotations.setReplicasAnnotations(current, d.replicas(), max);
    });
    if (sizeChanges) {
      events.normal(dep, "ScalingReplicaSet",
          "Scaled " + (newScale > from ? "up" : "down") + " replica set " + updated.name() + " from " + from + " to " + newScale, MANAGER);
    }
    return sizeChanges;
  }

  private ReplicaSetView updateReplicaSet(ReplicaSetView rs, java.util.function.Consumer<ObjectNode> change) {
    String uid = rs.uid();
    ObjectNode written = writes.wrote(replicaSets.update(rs.namespace(), rs.name(), current -> {
      if (!uid.equals(ObjectMetas.uid(current))) {
        throw ApiException.conflict("apps", "replicasets", rs.name(), "the replica set was replaced");
      }
      change.accept(current);
      ObjectMetas.setResourceVersion(current, null);
      return current;
    }, WriteOptions.of(MANAGER)).object());
    ReplicaSetView updated = new ReplicaSetView(written);
    rsList.replaceAll(r -> r.uid().equals(uid) ? updated : r);
    return updated;
  }

  private boolean isScalingEvent() {
    ReplicaSets sets = replicaSets(false);
    for (ReplicaSetView rs : active(sets.all())) {
      Integer desired = DeploymentAnnotations.desiredReplicas(rs.object());
      if (desired != null && desired != d.replicas()) {
        return true;
      }
    }
    return false;
  }

  /** {@code sync}: scale (for scaling events and paused deployments), then report status. */
  private Reconciler.Result sync() {
    ReplicaSets sets = replicaSets(false);
    scaleProportionally(sets.newRs(), sets.olds());
    sets = current(sets);
    if (d.paused()) {
      cleanup(sets.olds());
    }
    writeStatusIfChanged(calculateStatus(sets.all(), sets.newRs()));
    return Reconciler.Result.DONE;
  }

  private void scaleProportionally(ReplicaSetView newRs, List<ReplicaSetView> olds) {
    ReplicaSetView activeOrLatest = activeOrLatest(newRs, olds);
    if (activeOrLatest != null) {
      if (activeOrLatest.specReplicas() != d.replicas()) {
        scale(activeOrLatest, d.replicas());
      }
      return;
    }
    if (isSaturated(newRs)) {
      for (ReplicaSetView old : active(olds)) {
        scale(old, 0);
      }
      return;
    }
    if (!d.isRollingUpdate()) {
      return;
    }
    List<ReplicaSetView> all = new ArrayList<>(olds);
    if (newRs != null) {
      all.add(newRs);
    }
    all = active(all);
    int allReplicas = specSum(all);
    int allowed = d.replicas() > 0 ? d.replicas() + d.maxSurge() : 0;
    int toAdd = allowed - allReplicas;
    if (toAdd > 0) {
      all.sort(Comparator.comparingInt(ReplicaSetView::specReplicas).reversed().thenComparing((a, b) -> ReplicaSetView.byCreation(b, a)));
    } else if (toAdd < 0) {
      all.sort(Comparator.comparingInt(ReplicaSetView::specReplicas).reversed().thenComparing(ReplicaSetView::byCreation));
    }
    Map<String, Integer> sizes = new HashMap<>();
    int added = 0;
    for (ReplicaSetView rs : all) {
      if (toAdd != 0) {
        int proportion = proportion(rs, toAdd, added);
        sizes.put(rs.uid(), rs.specReplicas() + proportion);
        added += proportion;
      } else {
        sizes.put(rs.uid(), rs.specReplicas());
      }
    }
    for (int i = 0; i < all.size(); i++) {
      ReplicaSetView rs = all.get(i);
      if (i == 0 && toAdd != 0) {
        sizes.put(rs.uid(), Math.max(0, sizes.get(rs.uid()) + toAdd - added));
      }
      scale(rs, sizes.get(rs.uid()));
    }
  }

  private int proportion(ReplicaSetView rs, int toAdd, int added) {
    if (rs.specReplicas() == 0 || toAdd == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private int fraction(ReplicaSetView rs) {
    if (d.replicas() == 0) {
      return -rs.specReplicas();
    }
    int maxReplicas = d.replicas() + d.maxSurge();
    Integer before = DeploymentAnnotations.maxReplicas(rs.object());
    int beforeScale = before == null || before == 0 ? status.path("replicas").asInt(0) : before;
    if (beforeScale == 0) {
      beforeScale = d.replicas();
    }
    double size = (double) rs.specReplicas() * maxReplicas / beforeScale;
    return (int) Math.round(size) - rs.specReplicas();
  }

  private ReplicaSetView activeOrLatest(ReplicaSetView newRs, List<ReplicaSetView> olds) {
    if (newRs == null && olds.isEmpty()) {
      return null;
    }
    List<ReplicaSetView> newestFirst = new ArrayList<>(olds);
    newestFirst.sort((a, b) -> ReplicaSetView.byCreation(b, a));
    List<ReplicaSetView> all = new ArrayList<>(newestFirst);
    if (newRs != null) {
      all.add(newRs);
    }
    List<ReplicaSetView> act = active(all);
    if (act.isEmpty()) {
      return newRs != null ? newRs : newestFirst.get(0);
    }
    return act.size() == 1 ? act.get(0) : null;
  }

  private boolean isSaturated(ReplicaSetView rs) {
    if (rs == null) {
      return false;
    }
    Integer desired = DeploymentAnnotations.desiredReplicas(rs.object());
    return desired != null && desired == d.replicas() && rs.specReplicas() == d.replicas() && rs.availableReplicas() == d.replicas();
  }

  // ------------------------------------------------------------------ rollouts

  private Reconciler.Result rolloutRolling() {
    ReplicaSets sets = replicaSets(true);
    if (reconcileNewReplicaSet(sets)) {
      return syncRolloutStatus(current(sets));
    }
    sets = current(sets);
    if (reconcileOldReplicaSets(sets)) {
      return syncRolloutStatus(current(sets));
    }
    sets = current(sets);
    if (isComplete(calculateStatusFromCurrent(sets))) {
      cleanup(sets.olds());
    }
    return syncRolloutStatus(current(sets));
  }

  private boolean reconcileNewReplicaSet(ReplicaSets sets) {
    ReplicaSetView newRs = sets.newRs();
    if (newRs.specReplicas() == d.replicas()) {
      return false;
    }
    if (newRs.specReplicas() > d.replicas()) {
      return scale(newRs, d.replicas());
    }
    return scale(newRs, newReplicaSetReplicas(sets.all(), newRs));
  }

  private boolean reconcileOldReplicaSets(ReplicaSets sets) {
    List<ReplicaSetView> olds = active(sets.olds());
    if (specSum(olds) == 0) {
      return false;
    }
    int allPods = specSum(sets.all());
    int minAvailable = d.replicas() - d.maxUnavailable();
    ReplicaSetView newRs = sets.newRs();
    int newUnavailable = newRs.specReplicas() - newRs.availableReplicas();
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    int cleaned = cleanupUnhealthyReplicas(olds, maxScaledDown);
    List<ReplicaSetView> refreshed = active(current(new ReplicaSets(newRs, olds)).olds());
    List<ReplicaSetView> all = new ArrayList<>(refreshed);
    all.add(newRs);
    int scaledDown = scaleDownOldForRollingUpdate(all, refreshed);
    return cleaned + scaledDown > 0;
  }

  /** Old ReplicaSets first lose the replicas that are not available: that costs no availability. */
  private int cleanupUnhealthyReplicas(List<ReplicaSetView> olds, int maxCleanup) {
    List<ReplicaSetView> sorted = new ArrayList<>(olds);
    sorted.sort(ReplicaSetView::byCreation);
    int total = 0;
    for (ReplicaSetView rs : sorted) {
      if (total >= maxCleanup) {
        break;
      }
      if (rs.specReplicas() == 0 || rs.specReplicas() == rs.keptAvailableReplicas()) {
        continue;
      }
      int down = Math.min(maxCleanup - total, rs.specReplicas() - rs.keptAvailableReplicas());
      scale(rs, rs.specReplicas() - down);
      total += down;
    }
    return total;
  }

  private int scaleDownOldForRollingUpdate(List<ReplicaSetView> all, List<ReplicaSetView> olds) {
    int minAvailable = d.replicas() - d.maxUnavailable();
    int available = 0;
    for (ReplicaSetView rs : all) {
      available += rs.keptAvailableReplicas();
    }
    if (available <= minAvailable) {
      return 0;
    }
    List<ReplicaSetView> sorted = new ArrayList<>(olds);
    sorted.sort(ReplicaSetView::byCreation);
    int total = 0;
    int wanted = available - minAvailable;
    for (ReplicaSetView rs : sorted) {
      if (total >= wanted) {
        break;
      }
      if (rs.specReplicas() == 0) {
        continue;
      }
      int down = Math.min(rs.specReplicas(), wanted - total);
      scale(rs, rs.specReplicas() - down);
      total += down;
    }
    return total;
  }

  private Reconciler.Result rolloutRecreate() {
    ReplicaSets sets = replicaSets(false);
    boolean scaledDown = false;
    for (ReplicaSetView old : active(sets.olds())) {
      scaledDown |= scale(old, 0);
    }
    if (scaledDown) {
      return syncRolloutStatus(current(sets));
    }
    if (oldPodsRunning(current(sets))) {
      return syncRolloutStatus(current(sets));
    }
    if (sets.newRs() == null) {
      sets = replicaSets(true);
    }
    sets = current(sets);
    if (sets.newRs().specReplicas() != d.replicas()) {
      scale(sets.newRs(), d.replicas());
    }
    sets = current(sets);
    if (isComplete(calculateStatusFromCurrent(sets))) {
      cleanup(sets.olds());
    }
    return syncRolloutStatus(current(sets));
  }

  /** Whether any pod of an old ReplicaSet may still run (terminating ones included): Recreate waits for them. */
  private boolean oldPodsRunning(ReplicaSets sets) {
    for (ReplicaSetView old : sets.olds()) {
      if (old.statusReplicas() > 0) {
        return true;
      }
    }
    Map<String, Boolean> oldUids = new HashMap<>();
    sets.olds().forEach(rs -> oldUids.put(rs.uid(), true));
    for (CachedObject p : pods.list(d.namespace(), ListOptions.everything().withResourceVersion0()).items()) {
      String owner = p.controllerUid();
      if (owner != null && oldUids.containsKey(owner) && !Pods.isTerminal(p.object())) {
        return true;
      }
    }
    return false;
  }

  /** Deletes the oldest unused ReplicaSets beyond {@code revisionHistoryLimit}. */
  private void cleanup(List<ReplicaSetView> olds) {
    List<ReplicaSetView> cleanable = new ArrayList<>();
    for (ReplicaSetView rs : olds) {
      if (!rs.isDeleting()) {
        cleanable.add(rs);
      }
    }
    int diff = cleanable.size() - d.revisionHistoryLimit();
    if (diff <= 0) {
      return;
    }
    cleanable.sort(Comparator.comparingLong(ReplicaSetView::revision).thenComparing(ReplicaSetView::byCreation));
    for (int i = 0; i < diff; i++) {
      ReplicaSetView rs = cleanable.get(i);
      if (rs.statusReplicas() != 0 || rs.specReplicas() != 0 || rs.generation() > rs.observedGeneration()) {
        continue;
      }
      try {
        writes.wrote(replicaSets.delete(rs.namespace(), rs.name(), new DeleteOptions(false, null, null, rs.uid(), null)).object());
        rsList.removeIf(r -> r.uid().equals(rs.uid()));
      } catch (ApiException e) {
        if (e.code() != 404 && e.code() != 409) {
          throw e;
        }
      }
    }
  }

  // ------------------------------------------------------------------ status

  private ObjectNode calculateStatus(List<ReplicaSetView> all, ReplicaSetView newRs) {
    int available = 0;
    int specTotal = 0;
    int actual = 0;
    int ready = 0;
    for (ReplicaSetView rs : all) {
      available += rs.availableReplicas();
      specTotal += rs.specReplicas();
      actual += rs.statusReplicas();
      ready += rs.readyReplicas();
    }
    int unavailable = Math.max(0, specTotal - available);
    ObjectNode s = Json.object();
    s.put("observedGeneration", d.generation());
    putIfPositive(s, "replicas", actual);
    putIfPositive(s, "updatedReplicas", newRs == null ? 0 : newRs.statusReplicas());
    putIfPositive(s, "readyReplicas", ready);
    putIfPositive(s, "availableReplicas", available);
    putIfPositive(s, "unavailableReplicas", unavailable);
    if (status.has("collisionCount")) {
      s.set("collisionCount", status.get("collisionCount"));
    }
    if (status.has("conditions")) {
      s.set("conditions", status.get("conditions").deepCopy());
    }
    if (available >= d.replicas() - d.maxUnavailable()) {
      DeploymentConditions.set(s, DeploymentConditions.condition(
          DeploymentConditions.AVAILABLE, "True", DeploymentConditions.MIN_AVAILABLE, "Deployment has minimum availability.", now));
    } else {
      DeploymentConditions.set(s, DeploymentConditions.condition(
          DeploymentConditions.AVAILABLE, "False", DeploymentConditions.MIN_UNAVAILABLE, "Deployment does not have minimum availability.", now));
    }
    return s;
  }

  private ObjectNode calculateStatusFromCurrent(ReplicaSets sets) {
    return calculateStatus(sets.all(), sets.newRs());
  }

  private static void putIfPositive(ObjectNode o, String f, int v) {
    if (v > 0) {
      o.put(f, v);
    }
  }

  private boolean isComplete(ObjectNode s) {
    int r = d.replicas();
    return s.path("updatedReplicas").asInt(0) == r
        && s.path("replicas").asInt(0) == r
        && s.path("availableReplicas").asInt(0) == r
        && s.path("observedGeneration").asLong(0) >= d.generation();
  }

  private Reconciler.Result syncRolloutStatus(ReplicaSets sets) {
    ObjectNode next = calculateStatus(sets.all(), sets.newRs());
    Long deadline = d.progressDeadlineSeconds();
    if (deadline == null) {
      DeploymentConditions.remove(next, DeploymentConditions.PROGRESSING);
    }
    ObjectNode currentCond = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
    boolean alreadyComplete = next.path("replicas").asInt(0) == next.path("updatedReplicas").asInt(0)
        && currentCond != null && DeploymentConditions.NEW_RS_AVAILABLE.equals(currentCond.path("reason").asText());
    String rsName = sets.newRs() == null ? null : sets.newRs().name();
    if (deadline != null && !alreadyComplete) {
      if (isComplete(next)) {
        String msg = rsName != null ? "ReplicaSet \"" + rsName + "\" has successfully progressed." : "Deployment \"" + d.name() + "\" has successfully progressed.";
        DeploymentConditions.set(next, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_RS_AVAILABLE, msg, now));
      } else if (isProgressing(next)) {
        String msg = rsName != null ? "ReplicaSet \"" + rsName + "\" is progressing." : "Deployment \"" + d.name() + "\" is progressing.";
        ObjectNode cond = DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True", DeploymentConditions.RS_UPDATED, msg, now);
        if (currentCond != null) {
          if ("True".equals(currentCond.path("status").asText())) {
            cond.set("lastTransitionTime", currentCond.get("lastTransitionTime"));
          }
          DeploymentConditions.remove(next, DeploymentConditions.PROGRESSING);
        }
        DeploymentConditions.set(next, cond);
      } else if (timedOut(next)) {
        String msg = rsName != null ? "ReplicaSet \"" + rsName + "\" has timed out progressing." : "Deployment \"" + d.name() + "\" has timed out progressing.";
        DeploymentConditions.set(next, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "False", DeploymentConditions.TIMED_OUT, msg, now));
      }
    }
    ObjectNode failure = replicaFailure(sets);
    if (failure != null) {
      DeploymentConditions.set(next, failure);
    } else {
      DeploymentConditions.remove(next, DeploymentConditions.REPLICA_FAILURE);
    }
    if (SameJson.same(withoutTimes(next), withoutTimes(status))) {
      return requeueIfStuck(next);
    }
    replaceStatus(next);
    writeStatus();
    return requeueIfStuck(next);
  }

  private boolean isProgressing(ObjectNode next) {
    int oldOld = status.path("replicas").asInt(0) - status.path("updatedReplicas").asInt(0);
    int newOld = next.path("replicas").asInt(0) - next.path("updatedReplicas").asInt(0);
    return next.path("updatedReplicas").asInt(0) > status.path("updatedReplicas").asInt(0)
        || newOld < oldOld
        || next.path("readyReplicas").asInt(0) > status.path("readyReplicas").asInt(0)
        || next.path("availableReplicas").asInt(0) > status.path("availableReplicas").asInt(0);
  }

  private boolean timedOut(ObjectNode next) {
    Long deadline = d.progressDeadlineSeconds();
    ObjectNode cond = DeploymentConditions.get(next, DeploymentConditions.PROGRESSING);
    if (deadline == null || cond == null) {
      return false;
    }
    String reason = cond.path("reason").asText();
    if (DeploymentConditions.NEW_RS_AVAILABLE.equals(reason)) {
      return false;
    }
    if (DeploymentConditions.TIMED_OUT.equals(reason)) {
      return true;
    }
    Instant from = ObjectMetas.parseTimestamp(cond.path("lastUpdateTime").asText());
    return from.plusSeconds(deadline).isBefore(now);
  }

  /** Looks again when a rollout that makes no progress reaches its deadline. */
  private Reconciler.Result requeueIfStuck(ObjectNode next) {
    Long deadline = d.progressDeadlineSeconds();
    ObjectNode cond = DeploymentConditions.get(next, DeploymentConditions.PROGRESSING);
    if (deadline == null || cond == null || isComplete(next) || timedOut(next)) {
      return Reconciler.Result.DONE;
    }
    Instant at = ObjectMetas.parseTimestamp(cond.path("lastUpdateTime").asText()).plusSeconds(deadline);
    Duration wait = Duration.between(now, at);
    return Reconciler.Result.after(wait.isNegative() ? Duration.ofSeconds(1) : wait.plusSeconds(1));
  }

  private ObjectNode replicaFailure(ReplicaSets sets) {
    List<ReplicaSetView> order = new ArrayList<>();
    if (sets.newRs() != null) {
      order.add(sets.newRs());
    }
    order.addAll(sets.olds());
    for (ReplicaSetView rs : order) {
      for (JsonNode c : rs.object().path("status").path("conditions")) {
        if ("ReplicaFailure".equals(c.path("type").asText())) {
          ObjectNode cond = DeploymentConditions.condition(DeploymentConditions.REPLICA_FAILURE, c.path("status").asText(),
              c.path("reason").asText(), c.path("message").asText(), now);
          if (c.has("lastTransitionTime")) {
            cond.set("lastTransitionTime", c.get("lastTransitionTime"));
          }
          return cond;
        }
      }
    }
    return null;
  }

  private void checkPausedConditions() {
    if (d.progressDeadlineSeconds() == null) {
      return;
    }
    ObjectNode cond = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
    if (cond != null && DeploymentConditions.TIMED_OUT.equals(cond.path("reason").asText())) {
      return;
    }
    boolean pausedCond = cond != null && DeploymentConditions.PAUSED.equals(cond.path("reason").asText());
    if (d.paused() && !pausedCond) {
      DeploymentConditions.set(status, DeploymentConditions.condition(
          DeploymentConditions.PROGRESSING, "Unknown", DeploymentConditions.PAUSED, "Deployment is paused", now));
      writeStatus();
    } else if (!d.paused() && pausedCond) {
      DeploymentConditions.set(status, DeploymentConditions.condition(
          DeploymentConditions.PROGRESSING, "Unknown", DeploymentConditions.RESUMED, "Deployment is resumed", now));
      writeStatus();
    }
  }

  private void writeStatusIfChanged(ObjectNode next) {
    if (SameJson.same(withoutTimes(next), withoutTimes(status))) {
      return;
    }
    replaceStatus(next);
    writeStatus();
  }

  private void replaceStatus(ObjectNode next) {
    status.removeAll();
    status.setAll(next);
  }

  /** Writes the working status; fails (to be retried) if the deployment's spec changed meanwhile. */
  private void writeStatus() {
    String uid = d.uid();
    long generation = d.generation();
    ObjectNode next = status.deepCopy();
    writes.wrote(deployments.update(d.namespace(), d.name(), current -> {
      if (!uid.equals(ObjectMetas.uid(current)) || ObjectMetas.generation(current) != generation) {
        throw ApiException.conflict("apps", "deployments", d.name(), "the deployment changed; syncing again");
      }
      current.set("status", next);
      ObjectMetas.setResourceVersion(current, null);
      return current;
    }, WriteOptions.of(MANAGER).forSubresource("status")).object());
  }

  /** Status without condition timestamps: an unchanged status is not rewritten just because time passed. */
  private static JsonNode withoutTimes(ObjectNode s) {
    ObjectNode copy = s.deepCopy();
    for (JsonNode c : copy.path("conditions")) {
      ((ObjectNode) c).remove("lastUpdateTime");
      ((ObjectNode) c).remove("lastTransitionTime");
    }
    return copy;
  }

  private ReplicaSets current(ReplicaSets sets) {
    Map<String, ReplicaSetView> byUid = new HashMap<>();
    rsList.forEach(rs -> byUid.put(rs.uid(), rs));
    List<ReplicaSetView> olds = new ArrayList<>();
    for (ReplicaSetView o : sets.olds()) {
      ReplicaSetView cur = byUid.get(o.uid());
      if (cur != null) {
        olds.add(cur);
      }
    }
    ReplicaSetView newRs = sets.newRs() == null ? null : byUid.getOrDefault(sets.newRs().uid(), sets.newRs());
    return new ReplicaSets(newRs, olds);
  }

  private static List<ReplicaSetView> active(List<ReplicaSetView> list) {
    List<ReplicaSetView> out = new ArrayList<>();
    for (ReplicaSetView rs : list) {
      if (rs != null && rs.specReplicas() > 0) {
        out.add(rs);
      }
    }
    return out;
  }

  private static int specSum(List<ReplicaSetView> list) {
    int n = 0;
    for (ReplicaSetView rs : list) {
      n += rs.specReplicas();
    }
    return n;
  }
}
