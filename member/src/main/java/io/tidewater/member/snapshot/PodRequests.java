package io.tidewater.member.snapshot;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.tidewater.api.snapshot.ResourceAmounts;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pod takes from its node, computed as the scheduler's {@code resourcehelper.PodRequests}
 * does: app containers summed, restartable init containers (sidecars) running alongside them,
 * each ordinary init container on top of the sidecars started before it, the larger of the two
 * phases, plus pod overhead; and one pod slot.
 */
final class PodRequests {
  private PodRequests() {}

  static ResourceAmounts of(Pod pod) {
    PodSpec spec = pod.getSpec();
    Map<String, Long> total = new TreeMap<>();
    if (spec == null) {
      total.put(ResourceAmounts.PODS, 1L);
      return ResourceAmounts.of(total);
    }
    if (spec.getContainers() != null) {
      for (Container c : spec.getContainers()) {
        add(total, requests(c));
      }
    }
    Map<String, Long> sidecars = new TreeMap<>();
    Map<String, Long> initPeak = new TreeMap<>();
    if (spec.getInitContainers() != null) {
      for (Container c : spec.getInitContainers()) {
        Map<String, Long> req = requests(c);
        Map<String, Long> phase;
        if ("Always".equals(c.getRestartPolicy())) {
          add(total, req);
          add(sidecars, req);
          phase = new TreeMap<>(sidecars);
        } else {
          phase = new TreeMap<>(req);
          add(phase, sidecars);
        }
        phase.forEach((k, v) -> initPeak.merge(k, v, Math::max));
      }
    }
    initPeak.forEach((k, v) -> total.merge(k, v, Math::max));
    add(total, CanonicalQuantities.of(spec.getOverhead()));
    total.put(ResourceAmounts.PODS, 1L);
    return ResourceAmounts.of(total);
  }

  private static Map<String, Long> requests(Container c) {
    if (c.getResources() == null) {
      return Map.of();
    }
    return CanonicalQuantities.of(c.getResources().getRequests());
  }

  private static void add(Map<String, Long> into, Map<String, Long> amounts) {
    amounts.forEach((k, v) -> into.merge(k, v, Long::sum));
  }
}
