package io.tidewater.scheduler.plugins;

import io.tidewater.scheduler.framework.Candidate;
import io.tidewater.scheduler.framework.DividePlugin;
import io.tidewater.scheduler.model.Decision;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.SchedulingRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Divided scheduling, self-built first (DESIGN §5):
 *
 * <ol>
 *   <li>stability — replicas that need not move stay;
 *   <li>scale-out fills the first tier, then the next, any remainder reported unschedulable;
 *   <li>scale-in removes from the dearest tier first, and within a tier from the cluster with the
 *       least headroom;
 *   <li>come home — when a cheaper tier has room, start replicas there first (a surge of at most
 *       {@code maxStep}), and let scale-in remove the dear ones once the new ones are available;
 *   <li>spread constraints come before tier order;
 *   <li>failed-over (evicted) or excluded clusters drain once their replacements are available.
 * </ol>
 *
 * <p>No removal ever takes the available replicas below min(desired, available now): replicas
 * leave dear clusters only when their replacements can serve.
 */
public final class TieredDivider implements DividePlugin {

  @Override
  public String name() {
    return "TieredDivider";
  }

  @Override
  public Decision divide(SchedulingRequest req, List<Candidate> candidates, int tierCount) {
    Plan plan = new Plan(req, candidates, tierCount);
    return plan.run();
  }

  /** One decision's working state. */
  private static final class Plan {
    private final SchedulingRequest req;
    private final List<Candidate> all;
    private final int tierCount;
    private final Map<String, Candidate> byName = new LinkedHashMap<>();
    private final Map<String, Integer> target = new LinkedHashMap<>();
    private final Map<String, List<String>> reasons = new LinkedHashMap<>();
    private final Set<String> outsideSpread = new LinkedHashSet<>();
    private int unschedulable;
    private final List<String> notes = new ArrayList<>();

    Plan(SchedulingRequest req, List<Candidate> candidates, int tierCount) {
      this.req = req;
      this.all = candidates;
      this.tierCount = tierCount;
      for (Candidate c : candidates) {
        byName.put(c.name(), c);
        target.put(c.name(), c.state().replicas());
      }
    }

    Decision run() {
      int desired = req.replicas();
      applySpread();
      int active = activeTotal();
      if (active < desired) {
        int placed = scaleOut(desired - active, tierCount, "scale-out");
        unschedulable = desired - active - placed;
      }
      boolean draining = all.stream().anyMatch(c -> isDraining(c) && !c.state().retained() && target.get(c.name()) > 0);
      if (activeTotal() == desired && !draining) {
        comeHome();
      }
      removeExcess(desired);
      return decision();
    }

    private boolean isDraining(Candidate c) {
      return c.draining() || outsideSpread.contains(c.name());
    }

    /** Replicas in clusters that count toward the desired total (not draining). */
    private int activeTotal() {
      int t = 0;
      for (Candidate c : all) {
        if (!isDraining(c)) {
          t += target.get(c.name());
        }
      }
      return t;
    }

    // ----------------------------------------------------------------- spread

    /**
     * Chooses the groups of each spread constraint: groups that already host replicas first
     * (stability), then the cheapest and roomiest. Clusters of unchosen groups drain.
     */
    private void applySpread() {
      for (Placement.SpreadConstraint sc : req.placement().spread()) {
        Map<String, List<Candidate>> groups = new LinkedHashMap<>();
        for (Candidate c : all) {
          if (isDraining(c)) {
            continue;
          }
          String v = c.cluster().info().field(sc.field());
          groups.computeIfAbsent(v == null ? "" : v, k -> new ArrayList<>()).add(c);
        }
        List<Map.Entry<String, List<Candidate>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.<Map.Entry<String, List<Candidate>>>comparingInt(e -> -hosted(e.getValue()))
            .thenComparingInt(e -> e.getValue().stream().mapToInt(Candidate::tier).min().orElse(tierCount))
            .thenComparingLong(e -> -e.getValue().stream().mapToLong(Candidate::capacity).sum())
            .thenComparing(Map.Entry::getKey));
        int max = sc.maxGroups() > 0 ? sc.maxGroups() : Integer.MAX_VALUE;
        if (ordered.size() < sc.minGroups()) {
          notes.add("spread by " + sc.field() + " needs " + sc.minGroups() + " groups but only " + ordered.size() + " are available");
        }
        for (int i = max; i < ordered.size(); i++) {
          ordered.get(i).getValue().forEach(c -> outsideSpread.add(c.name()));
        }
        // Each of the first minGroups groups gets a replica before tiers fill the rest.
        int seeded = 0;
        for (int i = 0; i < Math.min(ordered.size(), max) && seeded < sc.minGroups(); i++, seeded++) {
          List<Candidate> g = ordered.get(i).getValue();
          String group = ordered.get(i).getKey();
          if (hosted(g) > 0 || activeTotal() >= req.replicas()) {
            continue;
          }
          g.stream()
              .filter(Candidate::accepts)
              .filter(c -> remaining(c) > 0)
              .min(Comparator.comparingInt(Candidate::tier).thenComparingLong(c -> -c.capacity()))
              .ifPresent(c -> add(c, 1, "spread by " + sc.field() + " (" + group + ")"));
        }
      }
    }

    private int hosted(List<Candidate> group) {
      int n = 0;
      for (Candidate c : group) {
        n += target.get(c.name());
      }
      return n;
    }

    // ----------------------------------------------------------------- scale-out

    /**
     * Fills tiers 0..maxTier in order with up to {@code amount} new replicas (clusters in no tier
     * count as tier {@code tierCount}, the dearest); returns how many fit.
     */
    private int scaleOut(int amount, int maxTier, String why) {
      int left = amount;
      for (int tier = 0; tier <= maxTier && left > 0; tier++) {
        List<Candidate> inTier = new ArrayList<>();
        for (Candidate c : all) {
          if (c.tier() == tier && c.accepts() && !isDraining(c) && remaining(c) > 0) {
            inTier.add(c);
          }
        }
        if (inTier.isEmpty()) {
          continue;
        }
        left -= fillTier(inTier, left, why + " in " + tierName(tier));
      }
      return amount - left;
    }

    private String tierName(int tier) {
      return tier < tierCount ? "tier " + (tier + 1) : "untiered clusters";
    }

    /** How many more replicas a cluster can take in this decision. */
    private long remaining(Candidate c) {
      return Math.max(0, c.capacity() - (target.get(c.name()) - c.state().replicas()));
    }

    private int fillTier(List<Candidate> inTier, int amount, String why) {
      int n = inTier.size();
      long[] caps = new long[n];
      for (int i = 0; i < n; i++) {
        caps[i] = remaining(inTier.get(i));
      }
      long[] give;
      switch (req.placement().division()) {
        case AGGREGATED -> {
          // Fewest clusters: those already running it first, then the roomiest.
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            order.add(i);
          }
          order.sort(Comparator.<Integer>comparingInt(i -> target.get(inTier.get(i).name()) > 0 ? 0 : 1)
              .thenComparingLong(i -> -caps[i])
              .thenComparing(i -> inTier.get(i).name()));
          give = new long[n];
          long left = amount;
          for (int i : order) {
            long g = Math.min(left, caps[i]);
            give[i] = g;
            left -= g;
          }
        }
        case WEIGHTED_STATIC -> {
          long[] weights = new long[n];
          for (int i = 0; i < n; i++) {
            weights[i] = staticWeight(inTier.get(i));
          }
          give = Apportion.split(amount, weights, caps);
          long rest = amount - sum(give);
          if (rest > 0) {
            // Clusters without a weight still take what the weighted ones cannot.
            long[] more = Apportion.split(rest, caps.clone(), minus(caps, give));
            for (int i = 0; i < n; i++) {
              give[i] += more[i];
            }
          }
        }
        default -> give = Apportion.split(amount, caps.clone(), caps);
      }
      int placed = 0;
      for (int i = 0; i < n; i++) {
        if (give[i] > 0) {
          add(inTier.get(i), (int) give[i], why);
          placed += (int) give[i];
        }
      }
      return placed;
    }

    private long staticWeight(Candidate c) {
      for (Placement.StaticWeight w : req.placement().staticWeights()) {
        if (w.clusters().matches(c.cluster().info())) {
          return w.weight();
        }
      }
      return 0;
    }

    private static long sum(long[] a) {
      long s = 0;
      for (long v : a) {
        s += v;
      }
      return s;
    }

    private static long[] minus(long[] a, long[] b) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = Math.max(0, a[i] - b[i]);
      }
      return out;
    }

    private void add(Candidate c, int n, String why) {
      target.merge(c.name(), n, Integer::sum);
      reasons.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(why + ": +" + n);
    }

    // ----------------------------------------------------------------- come home

    /**
     * When every cluster is settled and a cheaper tier has room beyond the margin, surge up to
     * {@code maxStep} replicas into it; the dear copies leave through {@link #removeExcess} once
     * the new ones are available.
     */
    private void comeHome() {
      SchedulingRequest.ComeHome ch = req.comeHome();
      if (!ch.enabled() || ch.maxStep() <= 0) {
        return;
      }
      for (Candidate c : all) {
        if (c.frozen() || c.state().available() < target.get(c.name()) || c.state().replicas() != target.get(c.name())) {
          return; // something is moving or unhealthy: no come-home now
        }
      }
      for (int cheap = 0; cheap < tierCount; cheap++) {
        int dear = 0;
        for (Candidate c : all) {
          if (c.tier() > cheap && !isDraining(c)) {
            dear += target.get(c.name());
          }
        }
        if (dear == 0) {
          return;
        }
        long room = 0;
        for (Candidate c : all) {
          if (c.tier() == cheap && c.accepts() && !isDraining(c)) {
            room += remaining(c);
          }
        }
        int step = (int) Math.min(Math.min(dear, ch.maxStep()), room - ch.margin());
        if (step > 0) {
          int placed = scaleOut(step, cheap, "come home");
          notes.add("coming home: " + placed + " replica(s) start in " + tierName(cheap) + " before the dearer copies leave");
          return;
        }
      }
    }

    // ----------------------------------------------------------------- scale-in and draining

    /**
     * Removes replicas above {@code desired}: draining clusters first, then the dearest tier, within
     * a tier the cluster with the least headroom first. Unavailable replicas go first (as a
     * ReplicaSet deletes them first), and no removal takes availability below min(desired,
     * available now); when the next removal would, later ones wait too, so cheaper tiers are never
     * emptied to spare dearer ones.
     */
    private void removeExcess(int desired) {
      int availableNow = 0;
      for (Candidate c : all) {
        if (!c.frozen() && !c.state().retained()) {
          availableNow += Math.min(c.state().available(), c.state().replicas());
        }
      }
      int budget = availableNow - Math.min(desired, availableNow);
      List<Candidate> order = new ArrayList<>();
      for (Candidate c : all) {
        if (!c.frozen() && !c.state().retained() && target.get(c.name()) > 0) {
          order.add(c);
        }
      }
      order.sort(Comparator.<Candidate>comparingInt(c -> isDraining(c) ? 0 : 1)
          .thenComparingInt(c -> -c.tier())
          .thenComparingLong(Candidate::capacity)
          .thenComparing(Candidate::name));
      int excess = activeTotal() - desired;
      // An unreachable cluster's replicas can be neither removed nor counted on; if it is in a dearer
      // tier, scale-in waits for it rather than taking the cheaper tier's replicas instead (after a
      // restart, a come-home step's new idc copies would otherwise go while cloud is not yet reachable).
      int dearestFrozen = -1;
      String frozenName = null;
      for (Candidate c : all) {
        if (c.frozen() && !c.state().retained() && !isDraining(c) && target.get(c.name()) > 0 && c.tier() > dearestFrozen) {
          dearestFrozen = c.tier();
          frozenName = c.name();
        }
      }
      for (Candidate c : order) {
        int have = target.get(c.name());
        int want;
        if (isDraining(c)) {
          want = have;
        } else {
          if (excess <= 0) {
            break;
          }
          if (c.tier() < dearestFrozen) {
            notes.add("waiting for " + frozenName + " to be reachable before scaling in " + tierName(c.tier()));
            break;
          }
          want = Math.min(have, excess);
        }
        int unavailable = Math.max(0, have - Math.min(c.state().available(), have));
        int freeRemovals = Math.min(want, unavailable);
        int costly = Math.min(want - freeRemovals, budget);
        int removed = freeRemovals + costly;
        budget -= costly;
        if (removed > 0) {
          target.put(c.name(), have - removed);
          reasons.computeIfAbsent(c.name(), k -> new ArrayList<>())
              .add((isDraining(c) ? "draining (" + drainReason(c) + ")" : "scale-in from " + tierName(c.tier())) + ": -" + removed);
        }
        if (!isDraining(c)) {
          excess -= removed;
        }
        if (removed < want) {
          notes.add("waiting for replacements to become available before removing " + (want - removed) + " from " + c.name());
          break;
        }
      }
    }

    private String drainReason(Candidate c) {
      if (c.state().retained()) {
        return "failed over, copies kept until released";
      }
      if (c.state().evicted()) {
        return "failed over";
      }
      if (outsideSpread.contains(c.name())) {
        return "outside the spread constraint's groups";
      }
      return c.reason();
    }

    // ----------------------------------------------------------------- result

    private Decision decision() {
      List<Decision.Target> targets = new ArrayList<>();
      for (Candidate c : all) {
        int n = target.get(c.name());
        if (n > 0 || (c.state().evicted() && c.state().replicas() > 0)) {
          List<String> why = reasons.getOrDefault(c.name(), List.of());
          String reason = why.isEmpty()
              ? c.state().retained() ? "kept " + n + " (failed over; purge mode Never keeps the copies)" : "kept " + n + " (stable)"
              : String.join("; ", why);
          targets.add(new Decision.Target(c.name(), n, reason));
        }
      }
      StringBuilder msg = new StringBuilder();
      msg.append(req.replicas()).append(" replica(s) over ").append(targets.stream().filter(t -> t.replicas() > 0).count()).append(" cluster(s)");
      if (unschedulable > 0) {
        msg.append("; ").append(unschedulable).append(" replica(s) fit in no cluster");
      }
      notes.forEach(n -> msg.append("; ").append(n));
      return new Decision(targets, Math.max(0, unschedulable), msg.toString());
    }
  }
}
