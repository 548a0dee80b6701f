package io.tidewater.server.fleet;

import io.tidewater.api.cluster.NodePool;
import io.tidewater.api.cluster.PodLifecycle;
import io.tidewater.api.cluster.SimulatedCluster;
import io.tidewater.api.validation.GoDuration;
import io.tidewater.controllers.cluster.MemberProvisioner;
import io.tidewater.member.MemberConnection;
import io.tidewater.simulator.Fleet;
import io.tidewater.simulator.KubeconfigEntry;
import io.tidewater.simulator.NodePoolSpec;
import io.tidewater.simulator.NodeTaint;
import io.tidewater.simulator.PodTimings;
import io.tidewater.simulator.SimulatedClusterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates a Cluster's {@code spec.simulated} into a simulated member of the in-process fleet.
 * The only place where federation kinds meet the simulator, which knows nothing of federation.
 */
public final class SimulatorProvisioner implements MemberProvisioner {
  private final Fleet fleet;
  private final Consumer<Fleet> membersChanged;

  /** @param membersChanged told after a member is added or removed (to rewrite kubeconfigs) */
  public SimulatorProvisioner(Fleet fleet, Consumer<Fleet> membersChanged) {
    this.fleet = fleet;
    this.membersChanged = membersChanged;
  }

  @Override
  public MemberConnection provision(String cluster, SimulatedCluster spec) {
    boolean existed = fleet.get(cluster).isPresent();
    try {
      fleet.ensure(cluster, translate(spec));
    } catch (Exception e) {
      throw new IllegalStateException("could not start simulated member " + cluster + ": " + e.getMessage(), e);
    }
    if (!existed) {
      membersChanged.accept(fleet);
    }
    KubeconfigEntry entry = fleet.kubeconfigEntry(cluster).orElseThrow();
    return MemberConnection.of(entry.server(), entry.caPem(), entry.token());
  }

  @Override
  public void deprovision(String cluster) {
    if (fleet.remove(cluster)) {
      membersChanged.accept(fleet);
    }
  }

  static SimulatedClusterSpec translate(SimulatedCluster s) {
    List<NodePoolSpec> pools = new ArrayList<>();
    for (NodePool p : s.nodePools()) {
      NodePoolSpec spec = NodePoolSpec.of(p.name(), p.count(), p.cpu().toString(), p.memory().toString());
      if (p.pods() != null) {
        spec = spec.withMaxPods(p.pods());
      }
      if (p.gpu() != null && p.gpu().count() != null && p.gpu().count() > 0) {
        spec = spec.withGpus(p.gpu().count(), p.gpu().type());
      }
      if (p.labels() != null) {
        spec = spec.withLabels(Map.copyOf(p.labels()));
      }
      if (p.taints() != null) {
        List<NodeTaint> taints = new ArrayList<>();
        p.taints().forEach(t -> taints.add(new NodeTaint(t.getKey(), t.getValue(), t.getEffect())));
        spec = spec.withTaints(taints);
      }
      pools.add(spec);
    }
    SimulatedClusterSpec spec = SimulatedClusterSpec.of(pools.toArray(NodePoolSpec[]::new));
    if (s.kubernetesVersion() != null) {
      spec = spec.withKubernetesVersion(s.kubernetesVersion());
    }
    PodLifecycle lc = s.podLifecycle();
    if (lc != null) {
      spec = spec.withPodTimings(PodTimings.of(
          duration(lc.startupDelay(), PodTimings.DEFAULT.startup()), duration(lc.readyDelay(), PodTimings.DEFAULT.ready()),
          duration(lc.terminationDelay(), PodTimings.DEFAULT.termination())));
    }
    return spec;
  }

  private static Duration duration(String go, Duration fallback) {
    return go == null || go.isEmpty() ? fallback : GoDuration.parse(go);
  }
}
