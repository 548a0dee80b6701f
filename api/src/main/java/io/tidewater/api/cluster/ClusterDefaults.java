package io.tidewater.api.cluster;

import static io.tidewater.api.kinds.Defaulting.each;
import static io.tidewater.api.kinds.Defaulting.ifSet;
import static io.tidewater.api.kinds.Defaulting.or;
import static io.tidewater.api.kinds.Defaulting.orText;

import java.util.Map;

/** Defaults of a Cluster: the secret key, simulated node and pod settings, prices by tier, the watermark. */
public final class ClusterDefaults {
  private ClusterDefaults() {}

  public static final int DEFAULT_WATERMARK = 100;
  public static final int DEFAULT_MAX_PODS = 110;

  /**
   * DESIGN §4 cost defaults in US dollars per hour. Memory is not in DESIGN; cloud lists price a GiB-hour
   * at roughly an eighth of a vCPU-hour, and the same ratio is used for idc. Cloud GPUs cost $5-12 an hour;
   * 8 is the middle of that range.
   */
  public static final Map<String, ClusterPrice> TIER_PRICES =
      Map.of(
          "idc", new ClusterPrice("0.02", "0.0027", "1.5"),
          "cloud", new ClusterPrice("0.045", "0.006", "8"));

  public static Cluster apply(Cluster c) {
    return new Cluster(
        or(c.apiVersion(), Cluster.API_VERSION), or(c.kind(), Cluster.KIND), c.metadata(), ifSet(c.spec(), ClusterDefaults::spec), c.status());
  }

  static ClusterSpec spec(ClusterSpec s) {
    return new ClusterSpec(
        s.tier(),
        s.provider(),
        s.region(),
        s.zone(),
        s.apiEndpoint(),
        ifSet(s.secretRef(), r -> new ClusterSecretReference(r.namespace(), r.name(), orText(r.key(), ClusterSecretReference.DEFAULT_KEY))),
        ifSet(s.simulated(), ClusterDefaults::simulated),
        price(s.tier(), s.price()),
        or(s.watermark(), DEFAULT_WATERMARK),
        s.taints());
  }

  private static SimulatedCluster simulated(SimulatedCluster s) {
    PodLifecycle l = or(s.podLifecycle(), new PodLifecycle(null, null, null));
    return new SimulatedCluster(
        orText(s.kubernetesVersion(), SimulatedCluster.DEFAULT_KUBERNETES_VERSION),
        each(s.nodePools(), p -> new NodePool(p.name(), p.count(), p.cpu(), p.memory(), or(p.pods(), DEFAULT_MAX_PODS), p.gpu(), p.labels(), p.taints())),
        new PodLifecycle(
            orText(l.startupDelay(), PodLifecycle.DEFAULT_DELAY),
            orText(l.readyDelay(), PodLifecycle.DEFAULT_DELAY),
            orText(l.terminationDelay(), PodLifecycle.DEFAULT_DELAY)));
  }

  /** Fills each unset price from the tier's defaults; tiers without defaults keep what they have. */
  private static ClusterPrice price(String tier, ClusterPrice p) {
    ClusterPrice d = tier == null ? null : TIER_PRICES.get(tier);
    if (d == null) {
      return p;
    }
    if (p == null) {
      return d;
    }
    return new ClusterPrice(orText(p.cpuHour(), d.cpuHour()), orText(p.memoryGiBHour(), d.memoryGiBHour()), orText(p.gpuHour(), d.gpuHour()));
  }
}
