package io.tidewater.apiserver.builtin.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.support.Trees;

/** {@code SetDefaults_Service}: affinity, type, port protocols and target ports, traffic policies. */
final class ServiceDefaults {
  private ServiceDefaults() {}

  /** Kubernetes' {@code DefaultClientIPServiceAffinitySeconds}: three hours. */
  static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

  static void apply(ObjectNode svc) {
    ObjectNode spec = Trees.ensureObject(svc, "spec");
    Trees.defaultText(spec, "sessionAffinity", "None");
    String affinity = Trees.string(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP") && !Trees.has(Trees.object(Trees.object(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds")) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", CLIENT_IP_TIMEOUT_SECONDS);
    }
    Trees.defaultText(spec, "type", "ClusterIP");
    String type = Trees.string(spec, "type");
    for (ObjectNode port : Trees.objects(spec, "ports")) {
      Trees.defaultText(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      boolean unset = target == null || target.isNull() || (target.isNumber() && target.asLong() == 0) || (target.isTextual() && target.asText().isEmpty());
      if (unset) {
        port.set("targetPort", port.get("port") == null ? port.numberNode(0) : port.get("port").deepCopy());
      }
    }
    if (externallyAccessible(spec)) {
      Trees.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (!Trees.has(spec, "internalTrafficPolicy") && (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP"))) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Trees.defaultValue(spec, "allocateLoadBalancerNodePorts", true);
      for (ObjectNode ingress : Trees.objects(Trees.object(Trees.object(svc, "status"), "loadBalancer"), "ingress")) {
        if (!Trees.string(ingress, "ip").isEmpty()) {
          Trees.defaultPointerText(ingress, "ipMode", "VIP");
        }
      }
    }
  }

  /** {@code service.ExternallyAccessible}: node ports, load balancers, or external IPs. */
  static boolean externallyAccessible(JsonNode spec) {
    String type = Trees.string(spec, "type");
    return type.equals("LoadBalancer") || type.equals("NodePort") || (type.equals("ClusterIP") && Trees.size(spec, "externalIPs") > 0);
  }
}
