package io.tidewater.controllers.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.api.quantity.Quantity;
import io.tidewater.controllers.placement.PlacementTranslator;
import io.tidewater.scheduler.model.ClusterState;
import io.tidewater.scheduler.model.NodeSelectorRequirement;
import io.tidewater.scheduler.model.Placement;
import io.tidewater.scheduler.model.PodRequirements;
import io.tidewater.scheduler.model.Resources;
import io.tidewater.scheduler.model.SchedulingRequest;
import io.tidewater.scheduler.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the scheduler's request from a ResourceBinding (a JSON tree). */
public final class SchedulingRequests {
  private SchedulingRequests() {}

  public static String workloadKey(ObjectNode binding) {
    return binding.path("metadata").path("namespace").asText() + "/" + binding.path("metadata").path("name").asText();
  }

  /** Whether the binding is for an object without replicas (ConfigMap, Service ...). */
  public static boolean plainObject(ObjectNode binding) {
    return io.tidewater.controllers.detector.WorkloadInspector.plainBinding(binding);
  }

  public static SchedulingRequest build(ObjectNode binding, SchedulingRequest.ComeHome comeHome, Instant now) {
    JsonNode spec = binding.path("spec");
    Placement placement = PlacementTranslator.translate(
        spec.hasNonNull("placement") ? TidewaterJson.decode(spec.get("placement"), io.tidewater.api.policy.Placement.class) : null);
    boolean plain = plainObject(binding);
    if (plain) {
      placement = new Placement(placement.affinity(), placement.tolerations(), placement.tiers(), placement.spread(), Placement.Division.DUPLICATED, List.of());
    }
    int replicas = plain ? 0 : spec.path("replicas").asInt();
    return new SchedulingRequest(workloadKey(binding), pod(spec.path("replicaRequirements")), replicas, placement, current(binding, now), 0,
        plain ? SchedulingRequest.ComeHome.OFF : comeHome);
  }

  /** Each target cluster's replicas, available replicas (from the aggregated status) and eviction state at {@code now}. */
  public static Map<String, ClusterState> current(ObjectNode binding, Instant now) {
    EvictionTasks evictions = new EvictionTasks(binding.path("spec").path("gracefulEvictionTasks"), now);
    Descheduled descheduled = Descheduled.of(binding, now);
    Map<String, Integer> available = new HashMap<>();
    for (JsonNode s : binding.path("status").path("aggregatedStatus")) {
      available.put(s.path("clusterName").asText(), availableOf(s.path("status")));
    }
    Map<String, ClusterState> out = new HashMap<>();
    for (JsonNode t : binding.path("spec").path("clusters")) {
      String name = t.path("name").asText();
      int r = t.path("replicas").asInt(0);
      ClusterState state = evictions.state(name, r, Math.min(r, available.getOrDefault(name, 0)));
      Descheduled.Limit limit = descheduled.limit(name);
      out.put(name, limit == null ? state : state.descheduledTo(limit.maxReplicas()));
    }
    return out;
  }

  /** Available replicas of a member workload's status: Deployment availableReplicas, else readyReplicas. */
  public static int availableOf(JsonNode status) {
    if (status.has("availableReplicas")) {
      return status.path("availableReplicas").asInt(0);
    }
    return status.path("readyReplicas").asInt(0);
  }

  static PodRequirements pod(JsonNode rr) {
    Map<String, Long> amounts = new HashMap<>();
    rr.path("resourceRequest").fields().forEachRemaining(e -> {
      Quantity q = Quantities.tryParse(e.getValue().asText()).orElse(null);
      if (q != null) {
        amounts.put(e.getKey(), e.getKey().equals(Resources.CPU) ? q.milliValue() : q.value());
      }
    });
    Map<String, String> nodeSelector = new HashMap<>();
    rr.path("nodeClaim").path("nodeSelector").fields().forEachRemaining(e -> nodeSelector.put(e.getKey(), e.getValue().asText()));
    List<Toleration> tolerations = new ArrayList<>();
    for (JsonNode t : rr.path("nodeClaim").path("tolerations")) {
      tolerations.add(new Toleration(t.path("key").asText(""), t.path("operator").asText("Equal"), t.path("value").asText(""), t.path("effect").asText("")));
    }
    List<List<NodeSelectorRequirement>> terms = new ArrayList<>();
    for (JsonNode term : rr.path("nodeClaim").path("hardNodeAffinity").path("nodeSelectorTerms")) {
      List<NodeSelectorRequirement> reqs = new ArrayList<>();
      for (JsonNode r : term.path("matchExpressions")) {
        List<String> values = new ArrayList<>();
        r.path("values").forEach(v -> values.add(v.asText()));
        reqs.add(new NodeSelectorRequirement(r.path("key").asText(), r.path("operator").asText(), values));
      }
      terms.add(reqs);
    }
    return new PodRequirements(Resources.of(amounts), nodeSelector, terms, tolerations);
  }
}
