package io.tidewater.apiserver.builtin.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which addresses a Service of a given spec needs, and which it holds. */
final class ServiceShape {
  private ServiceShape() {}

  static String type(JsonNode svc) {
    return Trees.string(Trees.object(svc, "spec"), "type");
  }

  static boolean needsClusterIp(JsonNode svc) {
    return !type(svc).equals("ExternalName");
  }

  /** NodePort Services, and LoadBalancers unless they opted out of node ports. */
  static boolean needsNodePorts(JsonNode svc) {
    JsonNode spec = Trees.object(svc, "spec");
    return switch (type(svc)) {
      case "NodePort" -> true;
      case "LoadBalancer" -> !Trees.has(spec, "allocateLoadBalancerNodePorts") || Trees.bool(spec, "allocateLoadBalancerNodePorts");
      default -> false;
    };
  }

  static boolean needsHealthCheckNodePort(JsonNode svc) {
    return type(svc).equals("LoadBalancer") && Trees.string(Trees.object(svc, "spec"), "externalTrafficPolicy").equals("Local");
  }

  static boolean isHeadless(JsonNode svc) {
    return Trees.string(Trees.object(svc, "spec"), "clusterIP").equals("None");
  }

  static List<String> clusterIps(JsonNode svc) {
    List<String> out = new ArrayList<>();
    ArrayNode ips = Trees.array(Trees.object(svc, "spec"), "clusterIPs");
    if (ips != null) {
      ips.forEach(ip -> out.add(ip.asText()));
    }
    return out;
  }

  /** Node ports held by the ports of a spec. */
  static Set<Integer> portNodePorts(JsonNode spec) {
    Set<Integer> out = new LinkedHashSet<>();
    for (ObjectNode p : Trees.objects(spec, "ports")) {
      long np = Trees.longValue(p, "nodePort");
      if (np != 0) {
        out.add((int) np);
      }
    }
    return out;
  }

  /** Node ports held by the ports and the health check. */
  static Set<Integer> nodePorts(JsonNode svc) {
    ObjectNode spec = Trees.object(svc, "spec");
    Set<Integer> out = portNodePorts(spec);
    long hc = Trees.longValue(spec, "healthCheckNodePort");
    if (hc != 0) {
      out.add((int) hc);
    }
    return out;
  }
}
