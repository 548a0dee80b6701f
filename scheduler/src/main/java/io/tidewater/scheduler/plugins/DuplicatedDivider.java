package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.framework.Candidate;
import io.tidewater.scheduler.framework.DividePlugin;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Duplicated scheduling: every candidate cluster runs all replicas. A cluster that cannot fit
 * them all still gets them (its own scheduler keeps the rest Pending) unless it takes no new
 * workloads; spread's maxGroups limits how many clusters, cheapest tiers first.
 */
public final class DuplicatedDivider implements DividePlugin {
  @Override
  public String name() {
    return "DuplicatedDivider";
  }

  @Override
  public Decision divide(SchedulingRequest req, List<Candidate> candidates, int tierCount) {
    List<Candidate> chosen = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.draining()) {
        continue;
      }
      if (c.accepts() || c.state().replicas() > 0) {
        chosen.add(c);
      }
    }
    chosen.sort(java.util.Comparator.comparingInt(Candidate::tier).thenComparing(Candidate::name));
    int max = req.placement().spread().stream()
        .filter(s -> s.field().equals("cluster") && s.maxGroups() > 0)
        .mapToInt(io.tidewater.scheduler.model.Placement.SpreadConstraint::maxGroups)
        .min()
        .orElse(Integer.MAX_VALUE);
    List<Decision.Target> targets = new ArrayList<>();
    int short_ = 0;
    for (Candidate c : chosen) {
      if (targets.size() >= max) {
        break;
      }
      boolean fits = c.state().replicas() >= req.replicas() || c.capacity() >= req.replicas() - c.state().replicas();
      if (!fits) {
        short_ += (int) Math.max(0, req.replicas() - c.state().replicas() - c.capacity());
      }
      targets.add(new Decision.Target(c.name(), req.replicas(), fits ? "duplicated" : "duplicated; only " + (c.state().replicas() + c.capacity()) + " fit now"));
    }
    for (Candidate c : candidates) {
      if (c.draining() && c.state().replicas() > 0) {
        targets.add(new Decision.Target(c.name(), 0, "draining (" + (c.state().evicted() ? "failed over" : c.reason()) + ")"));
      }
    }
    String msg = req.replicas() + " replica(s) duplicated to " + targets.stream().filter(t -> t.replicas() > 0).count() + " cluster(s)"
        + (short_ > 0 ? "; " + short_ + " replica(s) do not fit yet" : "");
    return new Decision(targets, short_, msg);
  }
}
