package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies Fleet-Root's plan to one Deployment's rendered member manifests: a member given a budget
 * runs the new pod template with that absolute {@code maxSurge}/{@code maxUnavailable}; a member
 * still waiting keeps the pod template (and strategy) its Work already carries; a member that
 * finished keeps its strategy. Every manifest is tagged with the hash of the pod template it runs.
 *
 * <p>A StatefulSet's rollout is shaped the same way with its {@code updateStrategy}: surge is
 * always 0, {@code maxUnavailable} (default 1) is the fleet-wide budget, and the template's
 * {@code partition} is split into member partitions whose sum is the template's, taken from the
 * members last in rollout order, so that exactly {@code partition} replicas stay on the old
 * revision fleet-wide, as the highest ordinals go first in one cluster.
 *
 * <p>Opt out per template with the annotation {@code tidewater.io/fleet-rollout: "Off"}: each member
 * then runs the template's own strategy on its own (the naive behaviour, k× the budget).
 */
public final class FleetRollout {
  public static final String OPT_OUT_ANNOTATION = "tidewater.io/fleet-rollout";

  private FleetRollout() {}

  /** One member: the manifest rendered from the template now, the one its Work carries (or null), and its aggregated status (or missing). */
  public record MemberManifests(String cluster, int replicas, ObjectNode rendered, ObjectNode current, JsonNode status) {
    MemberManifests withReplicas(int r) {
      return new MemberManifests(cluster, r, rendered, current, status);
    }
  }

  /** Whether Fleet-Root drives this template's rollouts. */
  public static boolean applies(ObjectNode template) {
    String type = switch (ObjectMetas.kind(template)) {
      case "Deployment" -> template.path("spec").path("strategy").path("type").asText("RollingUpdate");
      case "StatefulSet" -> template.path("spec").path("updateStrategy").path("type").asText("RollingUpdate");
      default -> "";
    };
    String optOut = template.path("metadata").path("annotations").path(OPT_OUT_ANNOTATION).asText("");
    return "RollingUpdate".equals(type) && !"Off".equalsIgnoreCase(optOut);
  }

  private static boolean isStatefulSet(ObjectNode template) {
    return "StatefulSet".equals(ObjectMetas.kind(template));
  }

  /** Tags and adjusts each member's rendered manifest in place; every member may start (a parallel rollout). */
  public static void shape(ObjectNode template, List<MemberManifests> members) {
    shape(template, members, null);
  }

  /**
   * Tags and adjusts each member's rendered manifest in place.
   *
   * @param admitted the members whose stage of a staged rollout has been reached, or null for all
   */
  public static void shape(ObjectNode template, List<MemberManifests> members, java.util.Set<String> admitted) {
    String hash = PodTemplateHash.of(template.path("spec").path("template"));
    for (MemberManifests m : members) {
      ObjectMetas.setAnnotation(m.rendered(), PodTemplateHash.ANNOTATION, hash);
    }
    if (!applies(template)) {
      return;
    }
    int total = template.path("spec").path("replicas").asInt(1);
    boolean statefulSet = isStatefulSet(template);
    JsonNode ru = template.path("spec").path(statefulSet ? "updateStrategy" : "strategy").path("rollingUpdate");
    int maxSurge = statefulSet ? 0 : RolloutBudget.maxSurge(ru, total);
    int maxUnavailable = statefulSet ? statefulSetMaxUnavailable(ru, total) : RolloutBudget.maxUnavailable(ru, total);
    if (maxSurge == 0 && maxUnavailable == 0) {
      maxUnavailable = 1; // Kubernetes refuses both 0; never stall
    }
    long generation = ObjectMetas.generation(template);
    if (!statefulSet) {
      members = holdSurplusBeyondFreeSurge(members, hash, generation, total, maxSurge);
    }
    // Replicas placed beyond the total (a come-home step starts the new copies before the old
    // ones go) are pods over the replicas just like a surge: they use the same budget.
    int placed = members.stream().mapToInt(MemberManifests::replicas).sum();
    maxSurge = Math.max(0, maxSurge - Math.max(0, placed - total));
    Map<String, Integer> keepOld = statefulSet ? MemberPartitions.split(ru.path("partition").asInt(0), members) : Map.of();
    List<RolloutBudget.Member> budgetMembers = new ArrayList<>();
    Map<String, MemberManifests> byName = new LinkedHashMap<>();
    for (MemberManifests m : members) {
      byName.put(m.cluster(), m);
      RolloutBudget.Member bm = statefulSet ? statefulSetMember(m, hash, generation, keepOld.get(m.cluster())) : member(m, hash, generation);
      budgetMembers.add(admitted == null ? bm : bm.admitted(admitted.contains(m.cluster())));
    }
    Map<String, RolloutBudget.Grant> grants = RolloutBudget.plan(total, maxSurge, maxUnavailable, budgetMembers);
    for (Map.Entry<String, RolloutBudget.Grant> g : grants.entrySet()) {
      MemberManifests m = byName.get(g.getKey());
      ObjectNode spec = (ObjectNode) m.rendered().path("spec");
      RolloutBudget.Grant grant = g.getValue();
      if (!grant.update()) {
        // waiting: keep the revision (and strategy) the member runs
        spec.set("template", m.current().path("spec").path("template").deepCopy());
        ObjectMetas.setAnnotation(m.rendered(), PodTemplateHash.ANNOTATION, PodTemplateHash.on(m.current()));
        // ... and says which template generation that is, so its status is never read as the new
        // revision's: a member whose status still shows the old revision complete must not
        // release budget the moment it is admitted.
        String renderedFrom = m.current().path("metadata").path("annotations").path(TidewaterLabels.TEMPLATE_GENERATION).asText(null);
        if (renderedFrom != null) {
          ObjectMetas.setAnnotation(m.rendered(), TidewaterLabels.TEMPLATE_GENERATION, renderedFrom);
        }
        keepStrategy(spec, m.current());
      } else if (statefulSet) {
        ObjectNode strategy = spec.putObject("updateStrategy");
        strategy.put("type", "RollingUpdate");
        ObjectNode rolling = strategy.putObject("rollingUpdate").put("partition", keepOld.get(m.cluster()));
        int budget = grant.budget() ? grant.maxUnavailable() : currentMaxUnavailable(m.current());
        if (budget > 0) {
          rolling.put("maxUnavailable", budget);
        }
      } else if (grant.budget()) {
        ObjectNode strategy = spec.putObject("strategy");
        strategy.put("type", "RollingUpdate");
        strategy.putObject("rollingUpdate").put("maxSurge", grant.maxSurge()).put("maxUnavailable", grant.maxUnavailable());
      } else if (m.current() != null) {
        keepStrategy(spec, m.current());
      }
    }
  }

  /**
   * Replicas placed beyond the total (a come-home step: new copies start before the dear ones go)
   * are surge pods, and a member already rolling keeps the surge it was given: it cannot be taken
   * back. So while a rollout is in flight, members grow only as far as the surge left free; the
   * rest of their growth waits on the replicas they run now (their Work's) until rolling members
   * finish and free theirs. Without this, a come-home step decided just before a rollout started
   * puts its new copies on top of every member's surge. The members' rendered replicas are lowered
   * in place; the returned list carries the replicas they will run.
   */
  static List<MemberManifests> holdSurplusBeyondFreeSurge(List<MemberManifests> members, String hash, long generation, int total, int maxSurge) {
    int surplus = members.stream().mapToInt(MemberManifests::replicas).sum() - total;
    if (surplus <= 0) {
      return members;
    }
    boolean inFlight = false;
    int heldSurge = 0;
    for (MemberManifests m : members) {
      // judged on what the member runs now, so a member held back last time can finish its rollout
      RolloutBudget.Member running = member(m.withReplicas(Math.min(m.replicas(), runningReplicas(m))), hash, generation);
      if (RolloutBudget.rolling(running)) {
        inFlight = true;
        heldSurge += running.surge();
      } else if (!running.updated() && running.replicas() > 0) {
        inFlight = true; // still waiting for its budget: new grants are cut by the surplus instead
      }
    }
    int excess = surplus - Math.max(0, maxSurge - heldSurge);
    if (!inFlight || excess <= 0) {
      return members;
    }
    List<MemberManifests> out = new ArrayList<>(members.size());
    for (MemberManifests m : members) {
      int growth = m.replicas() - runningReplicas(m);
      if (excess > 0 && growth > 0) {
        int held = Math.min(excess, growth);
        excess -= held;
        ((ObjectNode) m.rendered().path("spec")).put("replicas", m.replicas() - held);
        out.add(m.withReplicas(m.replicas() - held));
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /** The replicas a member's Work runs now (0 for a member without one). */
  private static int runningReplicas(MemberManifests m) {
    return m.current() == null ? 0 : m.current().path("spec").path("replicas").asInt(0);
  }

  private static RolloutBudget.Member member(MemberManifests m, String hash, long generation) {
    JsonNode st = m.status();
    int available = st == null ? 0 : st.path("availableReplicas").asInt(0);
    int unavailable = st == null || st.isMissingNode() ? 0 : Math.max(0, m.replicas() - available);
    if (m.current() == null || PodTemplateHash.on(m.current()) == null) {
      // a new member, or one rendered before revisions were tagged: it starts on the new template
      return new RolloutBudget.Member(m.cluster(), m.replicas(), true, true, unavailable, 0, 0);
    }
    boolean updated = hash.equals(PodTemplateHash.on(m.current()));
    boolean complete = updated && st != null && st.path("observedGeneration").asLong(-1) >= generation
        && st.path("updatedReplicas").asInt(-1) == m.replicas() && st.path("replicas").asInt(-1) == m.replicas() && available >= m.replicas();
    JsonNode ru = m.current().path("spec").path("strategy").path("rollingUpdate");
    int surge = ru.path("maxSurge").isInt() ? ru.path("maxSurge").asInt() : 0;
    int maxUnavailable = ru.path("maxUnavailable").isInt() ? ru.path("maxUnavailable").asInt() : 0;
    return new RolloutBudget.Member(m.cluster(), m.replicas(), updated, complete, unavailable, surge, maxUnavailable);
  }

  /**
   * A StatefulSet member for the budget: it counts as updated when it runs the new template with
   * the partition it must keep, and its share of the rollout is the replicas above that partition.
   */
  private static RolloutBudget.Member statefulSetMember(MemberManifests m, String hash, long generation, int keep) {
    JsonNode st = m.status();
    int available = st == null ? 0 : st.path("availableReplicas").asInt(st.path("readyReplicas").asInt(0));
    int unavailable = st == null || st.isMissingNode() ? 0 : Math.max(0, m.replicas() - available);
    int toRoll = Math.max(0, m.replicas() - keep);
    if (m.current() == null || PodTemplateHash.on(m.current()) == null) {
      return new RolloutBudget.Member(m.cluster(), toRoll, true, true, unavailable, 0, 0);
    }
    JsonNode ru = m.current().path("spec").path("updateStrategy").path("rollingUpdate");
    boolean updated = hash.equals(PodTemplateHash.on(m.current())) && ru.path("partition").asInt(0) == keep;
    boolean complete = updated && st != null && st.path("observedGeneration").asLong(-1) >= generation
        && st.path("updatedReplicas").asInt(-1) >= toRoll && st.path("replicas").asInt(-1) == m.replicas() && available >= m.replicas();
    return new RolloutBudget.Member(m.cluster(), toRoll, updated, complete, unavailable, 0, currentMaxUnavailable(m.current()));
  }

  /** A StatefulSet's {@code maxUnavailable} resolved against its replicas (default 1, rounded down, at least 1). */
  private static int statefulSetMaxUnavailable(JsonNode rollingUpdate, int total) {
    JsonNode v = rollingUpdate.path("maxUnavailable");
    return Math.max(1, RolloutBudget.resolve(v.isMissingNode() || v.isNull() ? null : v.asText(), total, false, 1));
  }

  private static int currentMaxUnavailable(ObjectNode current) {
    if (current == null) {
      return 0;
    }
    JsonNode v = current.path("spec").path("updateStrategy").path("rollingUpdate").path("maxUnavailable");
    return v.isInt() ? v.asInt() : 0;
  }

  private static void keepStrategy(ObjectNode spec, ObjectNode current) {
    String field = "StatefulSet".equals(ObjectMetas.kind(current)) ? "updateStrategy" : "strategy";
    JsonNode s = current.path("spec").path(field);
    if (s.isObject()) {
      spec.set(field, s.deepCopy());
    }
  }
}
