package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.framework.ClusterFilter;
import io.tidewater.scheduler.framework.FilterResult;
import io.tidewater.scheduler.model.ClusterSnapshot;
import io.tidewater.scheduler.model.SchedulingRequest;
import io.tidewater.scheduler.model.Taint;
import io.tidewater.scheduler.model.Toleration;
import java.util.List;

/**
 * Cluster taints with Karmada's meaning: an untolerated NoSchedule keeps new replicas away; an
 * untolerated NoExecute evicts the ones there.
 */
public final class ClusterTaintFilter implements ClusterFilter {
  @Override
  public String name() {
    return "ClusterTaintToleration";
  }

  @Override
  public FilterResult filter(SchedulingRequest request, ClusterSnapshot cluster) {
    List<Toleration> tolerations = request.placement().tolerations();
    for (Taint t : cluster.info().taints()) {
      if (!Toleration.toleratesAll(tolerations, List.of(t), List.of(t.effect()))) {
        if ("NoExecute".equals(t.effect())) {
          return FilterResult.excluded("untolerated taint " + t.key() + ":" + t.effect());
        }
        if ("NoSchedule".equals(t.effect())) {
          return FilterResult.keeps("untolerated taint " + t.key() + ":" + t.effect());
        }
      }
    }
    return FilterResult.ACCEPT;
  }
}
