package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fleet-Root's budget (DESIGN §5 "Fleet-Root rollouts"): splits one template's {@code maxSurge}
 * and {@code maxUnavailable}, resolved against the total replicas, into absolute budgets per member
 * so that, summed over all members at every instant, unavailable ≤ maxUnavailable and pods ≤
 * replicas + maxSurge. A member starts the new revision only when it is given a budget; until then
 * it keeps the old pod template. Members already rolling keep what they were given; the rest of the
 * budget goes to waiting members in rollout order, each at most its proportional share, so several
 * members roll at once when the budget allows and one after another when it does not.
 *
 * <p>Unavailable replicas in members that are not rolling (still starting, or lost) use the budget
 * too. A pure function of its inputs, so the decision is the same after a restart.
 */
public final class RolloutBudget {
  private RolloutBudget() {}

  /**
   * One member's part.
   *
   * @param replicas its replicas
   * @param updated it runs (or is moving to) the new pod template
   * @param complete updated, observed, and every replica updated and available
   * @param unavailable replicas not available now
   * @param surge the surge budget it was given when it started (0 if none)
   * @param maxUnavailable the unavailability budget it was given when it started (0 if none)
   * @param admitted its stage of a staged rollout has been reached (always true for parallel rollouts)
   */
  public record Member(String name, int replicas, boolean updated, boolean complete, int unavailable, int surge, int maxUnavailable, boolean admitted) {
    public Member(String name, int replicas, boolean updated, boolean complete, int unavailable, int surge, int maxUnavailable) {
      this(name, replicas, updated, complete, unavailable, surge, maxUnavailable, true);
    }

    Member admitted(boolean a) {
      return new Member(name, replicas, updated, complete, unavailable, surge, maxUnavailable, a);
    }
  }

  /**
   * What a member is told: whether to run the new pod template and, while it rolls, its absolute
   * budget. {@code budget} false means its strategy is left as it is (it is not rolling).
   */
  public record Grant(boolean update, boolean budget, int maxSurge, int maxUnavailable) {
    static final Grant WAIT = new Grant(false, false, 0, 0);
    static final Grant DONE = new Grant(true, false, 0, 0);

    static Grant rolling(int maxSurge, int maxUnavailable) {
      return new Grant(true, true, maxSurge, maxUnavailable);
    }
  }

  /**
   * @param total the template's replicas
   * @param maxSurge the template's resolved surge (rounded up, as Kubernetes does)
   * @param maxUnavailable the template's resolved unavailability (rounded down)
   * @param members in rollout order
   */
  public static Map<String, Grant> plan(int total, int maxSurge, int maxUnavailable, List<Member> members) {
    Map<String, Grant> out = new LinkedHashMap<>();
    int freeSurge = maxSurge;
    int freeUnavailable = maxUnavailable;
    for (Member m : members) {
      if (rolling(m)) {
        // rolling: it holds its budget, or what it uses if that is more
        freeSurge -= m.surge();
        freeUnavailable -= Math.max(m.maxUnavailable(), m.unavailable());
      } else {
        freeUnavailable -= m.unavailable(); // trouble elsewhere counts against the budget too
      }
    }
    for (Member m : members) {
      if (m.updated()) {
        out.put(m.name(), rolling(m) ? Grant.rolling(m.surge(), m.maxUnavailable()) : Grant.DONE);
        continue;
      }
      if (m.replicas() == 0) {
        out.put(m.name(), Grant.DONE); // nothing runs there: nothing to roll
        continue;
      }
      if (!m.admitted()) {
        out.put(m.name(), Grant.WAIT); // its stage has not been reached
        continue;
      }
      int surge = Math.min(Math.max(0, freeSurge), Math.min(m.replicas(), proportional(maxSurge, m.replicas(), total)));
      int unavailable = Math.min(Math.max(0, freeUnavailable), Math.min(m.replicas(), proportional(maxUnavailable, m.replicas(), total)));
      if (surge == 0 && unavailable == 0) {
        out.put(m.name(), Grant.WAIT);
        continue;
      }
      freeSurge -= surge;
      freeUnavailable -= unavailable;
      out.put(m.name(), Grant.rolling(surge, unavailable));
    }
    return out;
  }

  /**
   * Rolling on a budget it was given. An updated member that was never given one (it started on
   * the new revision, or only scales) holds none: its strategy is left as it is.
   */
  static boolean rolling(Member m) {
    return m.updated() && !m.complete() && (m.surge() > 0 || m.maxUnavailable() > 0);
  }

  /** The member's share of a budget, rounded up so a small member still gets 1 when any is left. */
  static int proportional(int budget, int replicas, int total) {
    if (budget <= 0 || total <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.ceil((double) budget * replicas / total));
  }

  /** A Deployment's {@code strategy.rollingUpdate.maxSurge} resolved against {@code total} (default 25%, rounded up). */
  public static int maxSurge(JsonNode rollingUpdate, int total) {
    return resolve(text(rollingUpdate.path("maxSurge")), total, true, (int) Math.ceil(total * 0.25));
  }

  /** A Deployment's {@code strategy.rollingUpdate.maxUnavailable} resolved against {@code total} (default 25%, rounded down). */
  public static int maxUnavailable(JsonNode rollingUpdate, int total) {
    return resolve(text(rollingUpdate.path("maxUnavailable")), total, false, total / 4);
  }

  /** Kubernetes' resolution of an int-or-percent against the replicas: surge rounds up, unavailable down. */
  public static int resolve(String value, int total, boolean roundUp, int fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      if (value.endsWith("%")) {
        double v = Double.parseDouble(value.substring(0, value.length() - 1)) * total / 100.0;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
      }
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0; // the API server validates int-or-string; an unreadable value allows nothing
    }
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
