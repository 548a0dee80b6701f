package io.tidewater.server.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.cluster.Cluster;
import io.tidewater.api.json.Json;
import io.tidewater.controllers.cluster.ClusterController;
import io.tidewater.controllers.runtime.FederationClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small simulated fleet {@code tidewater up} starts with when no Cluster is registered: two
 * self-built data centres and two cloud clusters, so the tour works on a laptop. They are ordinary
 * {@code Cluster} objects with {@code spec.simulated}; delete them, or register real members, as
 * with any other cluster.
 */
public final class DefaultFleet {
  private static final Logger log = LoggerFactory.getLogger(DefaultFleet.class);
  static final String MANAGER = "tidewater-up";

  /** One default member: name, tier, zone and node count (8 cores, 32Gi, 110 pods each). */
  record Member(String name, String tier, String region, String zone, int nodes) {}

  static final List<Member> MEMBERS = List.of(
      new Member("idc-1", "idc", "dc-east", "dc-east-a", 5),
      new Member("idc-2", "idc", "dc-east", "dc-east-b", 5),
      new Member("cloud-1", "cloud", "us-east-1", "us-east-1a", 20),
      new Member("cloud-2", "cloud", "us-east-1", "us-east-1b", 20));

  private DefaultFleet() {}

  /** Registers the default members if the federation has no Cluster yet. Returns how many it created. */
  public static int ensure(FederationClient client) {
    if (!client.list(ClusterController.CLUSTER).isEmpty()) {
      return 0;
    }
    for (Member m : MEMBERS) {
      client.apply(cluster(m), MANAGER);
    }
    log.info("default simulated fleet registered clusters={}", MEMBERS.stream().map(Member::name).toList());
    return MEMBERS.size();
  }

  static ObjectNode cluster(Member m) {
    ObjectNode o = Json.object();
    o.put("apiVersion", Cluster.API_VERSION);
    o.put("kind", Cluster.KIND);
    o.putObject("metadata").put("name", m.name()).putObject("labels").put("tidewater.io/default-fleet", "true");
    ObjectNode spec = o.putObject("spec");
    spec.put("tier", m.tier());
    spec.put("provider", m.tier().equals("idc") ? "onprem" : "aws");
    spec.put("region", m.region());
    spec.put("zone", m.zone());
    spec.put("watermark", 85);
    ObjectNode price = spec.putObject("price");
    price.put("cpuHour", m.tier().equals("idc") ? "0.01" : "0.04");
    price.put("memoryGiBHour", m.tier().equals("idc") ? "0.001" : "0.005");
    ObjectNode sim = spec.putObject("simulated");
    ObjectNode pool = sim.putArray("nodePools").addObject();
    pool.put("name", "general");
    pool.put("count", m.nodes());
    pool.put("cpu", "8");
    pool.put("memory", "32Gi");
    pool.put("pods", 110);
    ObjectNode lifecycle = sim.putObject("podLifecycle");
    lifecycle.put("startupDelay", "300ms");
    lifecycle.put("readyDelay", "700ms");
    lifecycle.put("terminationDelay", "500ms");
    return o;
  }

  /** For the log and the banner: the members' names. */
  public static List<String> names() {
    return MEMBERS.stream().map(Member::name).toList();
  }
}
