package io.tidewater.controllers.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.snapshot.FreeCapacity;
import io.tidewater.api.snapshot.NodeTaint;
import io.tidewater.api.snapshot.ResourceAmounts;
import io.tidewater.controllers.placement.ClusterInfos;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.scheduling.FleetSnapshots;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.NodeClass;
import io.tidewater.scheduler.model.Resources;
import io.tidewater.scheduler.model.Taint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The scheduler's fleet view from the member connectors' snapshots and the Cluster objects: node
 * classes per member (each group of nodes with identical free capacity becomes one class, so
 * fitting stays exact), cluster identity, cost tier and watermark from the Cluster's spec,
 * readiness from its Ready condition. Changes are noticed by polling snapshot generations, which
 * coalesces the many small changes pod churn makes.
 */
public final class MemberFleetSnapshots implements FleetSnapshots, AutoCloseable {
  private final Members members;
  private final ObjectInformer clusters;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> capacityListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Object> lastHealth = new HashMap<>();
  private final Map<String, Object> lastGeneration = new HashMap<>();
  private final Thread poller;
  private volatile boolean closed;

  public MemberFleetSnapshots(FederationClient client, Members members, Duration pollPeriod) {
    this.members = members;
    this.clusters = client.inform(ClusterController.CLUSTER);
    clusters.onChange(c -> {
      if (ClusterChanges.affectsPlacement(c)) {
        fire(c.key().name());
      }
    });
    this.poller = Thread.ofVirtual().name("fleet-snapshots-poller").start(() -> {
      while (!closed) {
        try {
          Thread.sleep(pollPeriod.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        poll();
      }
    });
  }

  private synchronized void poll() {
    for (MemberConnector c : members.all()) {
      Object health = List.of(c.snapshots().hasSynced(), c.currentHealth().state());
      Object generation = c.snapshots().hasSynced() ? c.snapshot().generation() : -1;
      if (!Objects.equals(lastHealth.put(c.cluster(), health), health)) {
        fire(c.cluster());
      }
      if (!Objects.equals(lastGeneration.put(c.cluster(), generation), generation)) {
        capacityListeners.forEach(l -> l.accept(c.cluster()));
      }
    }
  }

  private void fire(String cluster) {
    listeners.forEach(l -> l.accept(cluster));
  }

  @Override
  public List<ClusterSnapshot> snapshots() {
    List<ClusterSnapshot> out = new ArrayList<>();
    for (ObjectNode cluster : clusters.list()) {
      if (ObjectMetas.isDeleting(cluster)) {
        continue;
      }
      String name = ObjectMetas.name(cluster);
      MemberConnector c = members.get(name).orElse(null);
      boolean ready = readyCondition(cluster) && c != null && c.currentHealth().isReady();
      if (c == null || !c.snapshots().hasSynced()) {
        out.add(new ClusterSnapshot(ClusterInfos.from(cluster), false, Resources.NONE, Resources.NONE, List.of()));
        continue;
      }
      out.add(convert(cluster, c.snapshot(), ready));
    }
    return out;
  }

  @Override
  public boolean synced() {
    if (!clusters.hasSynced()) {
      return false;
    }
    for (ObjectNode cluster : clusters.list()) {
      MemberConnector c = members.get(ObjectMetas.name(cluster)).orElse(null);
      // A member we cannot reach yet is still part of the fleet view: not ready, no capacity.
      if (c != null && c.currentHealth().isReady() && !c.snapshots().hasSynced()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  @Override
  public void onCapacityChange(Consumer<String> listener) {
    capacityListeners.add(listener);
  }

  private static boolean readyCondition(ObjectNode cluster) {
    for (JsonNode c : cluster.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  static ClusterSnapshot convert(ObjectNode cluster, io.tidewater.api.snapshot.ClusterSnapshot s, boolean ready) {
    List<NodeClass> classes = new ArrayList<>();
    for (io.tidewater.api.snapshot.NodeClass nc : s.nodeClasses()) {
      List<Taint> taints = new ArrayList<>();
      for (NodeTaint t : nc.taints()) {
        taints.add(new Taint(t.key(), t.value(), t.effect()));
      }
      Resources alloc = resources(nc.allocatable());
      for (FreeCapacity f : nc.freeByNode()) {
        classes.add(new NodeClass(nc.labels(), taints, !nc.schedulable() || !nc.ready(), alloc, resources(f.free()), f.free().get(ResourceAmounts.PODS), f.nodes()));
      }
    }
    return new ClusterSnapshot(ClusterInfos.from(cluster), ready, resources(s.totals().allocatable()), resources(s.totals().requested()), classes);
  }

  private static Resources resources(ResourceAmounts a) {
    Map<String, Long> m = new HashMap<>(a.amounts());
    m.remove(ResourceAmounts.PODS);
    return Resources.of(m);
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
  }
}
