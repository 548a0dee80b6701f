package io.tidewater.controllers.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.snapshot.ClusterSnapshot;
import io.tidewater.api.snapshot.GpuCapacity;
import io.tidewater.api.snapshot.NodeClass;
import io.tidewater.api.snapshot.NodeTaint;
import io.tidewater.api.snapshot.ResourceAmounts;
import io.tidewater.member.health.MemberHealth;
import java.time.Instant;
import java.util.Map;

/** A Cluster's status from its connector's health and snapshot. */
final class ClusterStatusBuilder {
  private ClusterStatusBuilder() {}

  static ObjectNode status(ObjectNode cluster, MemberHealth health, ClusterSnapshot snapshot, String problem, Instant now) {
    ObjectNode s = Json.object();
    boolean ready = problem == null && health != null && health.isReady();
    String reason = problem != null ? "ConnectionFailed" : health == null ? "Connecting" : ready ? "ClusterReady" : health.reason();
    String message = problem != null ? problem : health == null ? "connecting to the member" : ready ? "the member's /readyz answers ok" : health.message();
    String status = problem != null ? "False" : health == null || health.state() == MemberHealth.State.UNKNOWN ? "Unknown" : ready ? "True" : "False";
    ArrayNode conds = s.putArray("conditions");
    ObjectNode c = conds.addObject();
    c.put("type", "Ready");
    c.put("status", status);
    c.put("reason", reason == null || reason.isEmpty() ? "Unknown" : camel(reason));
    c.put("message", message == null ? "" : message);
    JsonNode prev = null;
    for (JsonNode p : cluster.path("status").path("conditions")) {
      if ("Ready".equals(p.path("type").asText())) {
        prev = p;
      }
    }
    c.put("lastTransitionTime", prev != null && prev.path("status").asText().equals(status) && prev.hasNonNull("lastTransitionTime")
        ? prev.get("lastTransitionTime").asText()
        : ObjectMetas.timestamp(now));
    if (health != null && health.lastProbeTime() != null) {
      s.put("lastHeartbeatTime", ObjectMetas.timestamp(health.lastProbeTime()));
    }
    if (health != null && health.kubernetesVersion() != null) {
      s.put("kubernetesVersion", health.kubernetesVersion());
    }
    if (snapshot != null && snapshot.synced()) {
      var totals = snapshot.totals();
      s.putObject("nodeSummary").put("totalNum", totals.nodes()).put("readyNum", totals.readyNodes());
      ObjectNode rs = s.putObject("resourceSummary");
      rs.set("allocatable", quantities(totals.allocatable()));
      ObjectNode allocated = quantities(totals.requested());
      allocated.put("pods", Integer.toString(totals.pods()));
      rs.set("allocated", allocated);
      rs.set("available", quantities(totals.available()));
      if (!snapshot.gpus().isEmpty()) {
        ArrayNode gpus = s.putArray("gpus");
        for (GpuCapacity g : snapshot.gpus()) {
          gpus.addObject().put("type", g.type()).put("total", (int) g.total()).put("allocated", (int) g.allocated());
        }
      }
      ArrayNode pools = s.putArray("nodePools");
      for (NodeClass nc : snapshot.nodeClasses()) {
        ObjectNode p = pools.addObject();
        p.put("name", nc.id());
        ObjectNode labels = p.putObject("labels");
        nc.labels().forEach(labels::put);
        if (!nc.taints().isEmpty()) {
          ArrayNode taints = p.putArray("taints");
          for (NodeTaint t : nc.taints()) {
            taints.addObject().put("key", t.key()).put("value", t.value()).put("effect", t.effect());
          }
        }
        p.set("allocatable", quantities(nc.allocatable()));
        p.put("count", nc.nodes());
      }
    }
    return s;
  }

  /** Canonical amounts (cpu in millicores, others in units) as Kubernetes quantity strings. */
  static ObjectNode quantities(ResourceAmounts amounts) {
    ObjectNode o = Json.object();
    for (Map.Entry<String, Long> e : amounts.amounts().entrySet()) {
      long v = e.getValue();
      if (e.getKey().equals(ResourceAmounts.CPU)) {
        o.put(e.getKey(), v % 1000 == 0 ? Long.toString(v / 1000) : v + "m");
      } else if (e.getKey().equals(ResourceAmounts.MEMORY) && v % (1L << 30) == 0) {
        o.put(e.getKey(), (v >> 30) + "Gi");
      } else if (e.getKey().equals(ResourceAmounts.MEMORY) && v % (1L << 20) == 0) {
        o.put(e.getKey(), (v >> 20) + "Mi");
      } else {
        o.put(e.getKey(), Long.toString(v));
      }
    }
    return o;
  }

  /** Condition reasons are CamelCase words. */
  private static String camel(String reason) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char ch : reason.toCharArray()) {
      if (Character.isLetterOrDigit(ch)) {
        sb.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      } else {
        up = true;
      }
    }
    return sb.isEmpty() ? "Unknown" : sb.toString();
  }
}
