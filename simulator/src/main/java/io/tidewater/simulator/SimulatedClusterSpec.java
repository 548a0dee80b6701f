package io.tidewater.simulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that shapes one simulated cluster. Knows nothing of federation: the server translates
 * its own cluster objects into this.
 *
 * @param kubernetesVersion the version the member reports, such as {@code v1.32.4}
 * @param region the {@code topology.kubernetes.io/region} label of every node, or null
 * @param zone the {@code topology.kubernetes.io/zone} label of every node, or null
 * @param nodePools the nodes, pool by pool; pool names are unique
 * @param podTimings how long pods take to start, become ready and stop
 * @param scoring how the node scheduler ranks feasible nodes
 * @param failingImages substrings of image references whose containers crash forever (CrashLoopBackOff)
 * @param evictionDelay how long pods stay on a lost node before they are evicted
 */
public record SimulatedClusterSpec(
    String kubernetesVersion,
    String region,
    String zone,
    List<NodePoolSpec> nodePools,
    PodTimings podTimings,
    ScoringStrategy scoring,
    Set<String> failingImages,
    Duration evictionDelay) {

  public static final String DEFAULT_KUBERNETES_VERSION = "v1.32.4";
  /** Images whose name or tag contains this crash: a later rollout needs pods that never become ready. */
  public static final String CRASHLOOP_MARKER = "crashloop";
  public static final Duration DEFAULT_EVICTION_DELAY = Duration.ofSeconds(10);

  public SimulatedClusterSpec {
    kubernetesVersion = kubernetesVersion == null || kubernetesVersion.isEmpty() ? DEFAULT_KUBERNETES_VERSION : kubernetesVersion;
    if (!kubernetesVersion.matches("v\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException("kubernetesVersion must look like v1.32.4: " + kubernetesVersion);
    }
    nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
    Set<String> names = new HashSet<>();
    for (NodePoolSpec p : nodePools) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("node pool named twice: " + p.name());
      }
    }
    podTimings = podTimings == null ? PodTimings.DEFAULT : podTimings;
    scoring = scoring == null ? ScoringStrategy.LEAST_ALLOCATED : scoring;
    failingImages = failingImages == null ? Set.of(CRASHLOOP_MARKER) : Set.copyOf(failingImages);
    evictionDelay = evictionDelay == null ? DEFAULT_EVICTION_DELAY : evictionDelay;
    Objects.requireNonNull(evictionDelay);
  }

  /** A cluster of these pools with every other setting at its default. */
  public static SimulatedClusterSpec of(NodePoolSpec... pools) {
    return new SimulatedClusterSpec(null, null, null, List.of(pools), null, null, null, null);
  }

  public SimulatedClusterSpec withPools(List<NodePoolSpec> pools) {
    return new SimulatedClusterSpec(kubernetesVersion, region, zone, pools, podTimings, scoring, failingImages, evictionDelay);
  }

  public SimulatedClusterSpec withTopology(String r, String z) {
    return new SimulatedClusterSpec(kubernetesVersion, r, z, nodePools, podTimings, scoring, failingImages, evictionDelay);
  }

  public SimulatedClusterSpec withPodTimings(PodTimings t) {
    return new SimulatedClusterSpec(kubernetesVersion, region, zone, nodePools, t, scoring, failingImages, evictionDelay);
  }

  public SimulatedClusterSpec withScoring(ScoringStrategy s) {
    return new SimulatedClusterSpec(kubernetesVersion, region, zone, nodePools, podTimings, s, failingImages, evictionDelay);
  }

  public SimulatedClusterSpec withFailingImages(Set<String> images) {
    return new SimulatedClusterSpec(kubernetesVersion, region, zone, nodePools, podTimings, scoring, images, evictionDelay);
  }

  public SimulatedClusterSpec withEvictionDelay(Duration d) {
    return new SimulatedClusterSpec(kubernetesVersion, region, zone, nodePools, podTimings, scoring, failingImages, d);
  }

  public SimulatedClusterSpec withKubernetesVersion(String v) {
    return new SimulatedClusterSpec(v, region, zone, nodePools, podTimings, scoring, failingImages, evictionDelay);
  }

  /** Whether a container running this image crashes forever. */
  public boolean isFailingImage(String image) {
    if (image == null) {
      return false;
    }
    for (String marker : failingImages) {
      if (image.contains(marker)) {
        return true;
      }
    }
    return false;
  }
}
