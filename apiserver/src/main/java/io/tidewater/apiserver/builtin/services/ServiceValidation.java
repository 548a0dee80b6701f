package io.tidewater.apiserver.builtin.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.validation.NameRules;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Labels;
import io.tidewater.apiserver.builtin.support.NameChecks;
import io.tidewater.apiserver.builtin.support.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The important rules of Kubernetes' {@code ValidateService} and {@code ValidateServiceUpdate}. */
final class ServiceValidation {
  private ServiceValidation() {}

  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> AFFINITIES = List.of("ClientIP", "None");
  static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
  static final int KUBELET_PORT = 10250;
  static final int MAX_CLIENT_IP_TIMEOUT = 86400;
  static final String BAD_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  static void validate(ObjectNode svc, FieldErrors errs) {
    ObjectNode spec = Trees.object(svc, "spec") == null ? Trees.objectNode() : Trees.object(svc, "spec");
    FieldPath specPath = FieldPath.of("spec");
    String type = Trees.string(spec, "type");
    boolean headless = ServiceShape.isHeadless(svc);
    List<ObjectNode> ports = Trees.objects(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.required(specPath.child("ports"), "");
    }
    switch (type) {
      case "LoadBalancer" -> {
        for (int i = 0; i < ports.size(); i++) {
          if (Trees.longValue(ports.get(i), "port") == KUBELET_PORT) {
            errs.invalid(specPath.child("ports").index(i), KUBELET_PORT, "may not expose port " + KUBELET_PORT + " externally since it is used by kubelet");
          }
        }
        if (headless) {
          errs.invalid(specPath.child("clusterIPs").index(0), "None", "may not be set to 'None' for LoadBalancer services");
        }
      }
      case "NodePort" -> {
        if (headless) {
          errs.invalid(specPath.child("clusterIPs").index(0), "None", "may not be set to 'None' for NodePort services");
        }
      }
      case "ExternalName" -> {
        if (Trees.size(spec, "clusterIPs") > 0) {
          errs.forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services");
        }
        if (Trees.size(spec, "ipFamilies") > 0) {
          errs.forbidden(specPath.child("ipFamilies"), "may not be set for ExternalName services");
        }
        if (Trees.has(spec, "ipFamilyPolicy")) {
          errs.forbidden(specPath.child("ipFamilyPolicy"), "may not be set for ExternalName services");
        }
        String cname = Trees.string(spec, "externalName");
        cname = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
        if (cname.isEmpty()) {
          errs.required(specPath.child("externalName"), "");
        } else {
          errs.invalidEach(specPath.child("externalName"), cname, NameRules.dns1123Subdomain(cname));
        }
      }
      default -> {}
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, portNames, specPath.child("ports").index(i), errs);
    }
    Labels.validate(spec.get("selector"), specPath.child("selector"), errs);
    affinity(spec, specPath, errs);
    clusterIps(spec, specPath, errs);
    List<String> externalIps = strings(spec.get("externalIPs"));
    for (int i = 0; i < externalIps.size(); i++) {
      if (Ipv4Range.toLong(externalIps.get(i)) == null && !externalIps.get(i).contains(":")) {
        errs.invalid(specPath.child("externalIPs").index(i), externalIps.get(i), BAD_IP);
      }
    }
    if (type.isEmpty()) {
      errs.required(specPath.child("type"), "");
    } else if (!TYPES.contains(type)) {
      errs.notSupported(specPath.child("type"), type, TYPES);
    }
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        if (Trees.longValue(ports.get(i), "nodePort") != 0) {
          errs.forbidden(specPath.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'");
        }
      }
    }
    duplicates(ports, specPath, errs);
    if (Trees.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      errs.forbidden(specPath.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'");
    }
    trafficPolicies(spec, type, specPath, errs);
  }

  /** {@code validateServicePort}. */
  private static void port(ObjectNode port, boolean requireName, Set<String> names, FieldPath path, FieldErrors errs) {
    String name = Trees.string(port, "name");
    if (requireName && name.isEmpty()) {
      errs.required(path.child("name"), "");
    } else if (!name.isEmpty()) {
      errs.invalidEach(path.child("name"), name, NameRules.dns1123Label(name));
      if (!names.add(name)) {
        errs.duplicate(path.child("name"), name);
      }
    }
    long number = Trees.longValue(port, "port");
    errs.invalidEach(path.child("port"), number, NameChecks.portNumber(number));
    String protocol = Trees.string(port, "protocol");
    if (protocol.isEmpty()) {
      errs.required(path.child("protocol"), "");
    } else if (!PROTOCOLS.contains(protocol)) {
      errs.notSupported(path.child("protocol"), protocol, PROTOCOLS);
    }
    JsonNode target = port.get("targetPort");
    if (target != null && target.isIntegralNumber()) {
      errs.invalidEach(path.child("targetPort"), target.asLong(), NameChecks.portNumber(target.asLong()));
    } else if (target != null && target.isTextual()) {
      errs.invalidEach(path.child("targetPort"), target.asText(), NameChecks.portName(target.asText()));
    }
  }

  private static void affinity(ObjectNode spec, FieldPath specPath, FieldErrors errs) {
    String affinity = Trees.string(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errs.required(specPath.child("sessionAffinity"), "");
    } else if (!AFFINITIES.contains(affinity)) {
      errs.notSupported(specPath.child("sessionAffinity"), affinity, AFFINITIES);
    }
    if (affinity.equals("ClientIP")) {
      FieldPath p = specPath.child("sessionAffinityConfig", "clientIP", "timeoutSeconds");
      Long timeout = Trees.integer(Trees.object(Trees.object(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds");
      if (timeout == null) {
        errs.required(p, "when session affinity type is ClientIP");
      } else if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT) {
        errs.invalid(p, timeout, "must be greater than 0 and less than " + MAX_CLIENT_IP_TIMEOUT);
      }
    } else if (affinity.equals("None") && Trees.has(spec, "sessionAffinityConfig")) {
      errs.forbidden(specPath.child("sessionAffinityConfig"), "must not be set when session affinity is None");
    }
  }

  /** The single-stack subset of {@code ValidateServiceClusterIPsRelatedFields}. */
  private static void clusterIps(ObjectNode spec, FieldPath specPath, FieldErrors errs) {
    List<String> ips = strings(spec.get("clusterIPs"));
    String ip = Trees.string(spec, "clusterIP");
    if (!ips.isEmpty() && !ips.get(0).equals(ip)) {
      errs.invalid(specPath.child("clusterIPs"), spec.get("clusterIPs"), "first value must match `clusterIP`");
    }
    for (int i = 0; i < ips.size(); i++) {
      String v = ips.get(i);
      if (i == 0 && v.equals("None")) {
        continue;
      }
      if (Ipv4Range.toLong(v) == null) {
        errs.invalid(specPath.child("clusterIPs").index(i), v, BAD_IP);
      }
    }
    String policy = Trees.text(spec, "ipFamilyPolicy");
    if (policy != null && !IP_FAMILY_POLICIES.contains(policy)) {
      errs.notSupported(specPath.child("ipFamilyPolicy"), policy, IP_FAMILY_POLICIES);
    }
    List<String> families = strings(spec.get("ipFamilies"));
    for (int i = 0; i < families.size(); i++) {
      if (!IP_FAMILIES.contains(families.get(i))) {
        errs.notSupported(specPath.child("ipFamilies").index(i), families.get(i), IP_FAMILIES);
      }
    }
  }

  /** Node ports are unique per protocol, and so are ports. */
  private static void duplicates(List<ObjectNode> ports, FieldPath specPath, FieldErrors errs) {
    Set<String> nodePorts = new HashSet<>();
    Set<String> servicePorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode p = ports.get(i);
      String protocol = Trees.string(p, "protocol");
      long nodePort = Trees.longValue(p, "nodePort");
      if (nodePort != 0 && !nodePorts.add(protocol + "/" + nodePort)) {
        errs.duplicate(specPath.child("ports").index(i).child("nodePort"), nodePort);
      }
      long port = Trees.longValue(p, "port");
      if (!servicePorts.add(protocol + "/" + port)) {
        ObjectNode key = Json.object();
        key.put("port", port);
        key.put("protocol", protocol);
        errs.duplicate(specPath.child("ports").index(i), key);
      }
    }
  }

  private static void trafficPolicies(ObjectNode spec, String type, FieldPath specPath, FieldErrors errs) {
    String external = Trees.string(spec, "externalTrafficPolicy");
    boolean needsExternal = type.equals("LoadBalancer") || type.equals("NodePort");
    if (!needsExternal) {
      if (!external.isEmpty()) {
        errs.invalid(specPath.child("externalTrafficPolicy"), external, "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
      }
    } else if (external.isEmpty()) {
      errs.required(specPath.child("externalTrafficPolicy"), "");
    } else if (!TRAFFIC_POLICIES.contains(external)) {
      errs.notSupported(specPath.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES);
    }
    long hc = Trees.longValue(spec, "healthCheckNodePort");
    boolean needsHealthCheck = type.equals("LoadBalancer") && external.equals("Local");
    if (!needsHealthCheck && hc != 0) {
      errs.invalid(specPath.child("healthCheckNodePort"), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
    }
    String internal = Trees.text(spec, "internalTrafficPolicy");
    if (internal == null && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      errs.required(specPath.child("internalTrafficPolicy"), "");
    } else if (internal != null && !TRAFFIC_POLICIES.contains(internal)) {
      errs.notSupported(specPath.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES);
    }
  }

  /** {@code validateUpgradeDowngradeClusterIPs}, single-stack: an allocated cluster IP never changes. */
  static void validateUpdate(ObjectNode svc, ObjectNode old, FieldErrors errs) {
    if (!ServiceShape.needsClusterIp(svc) || !ServiceShape.needsClusterIp(old)) {
      return;
    }
    if (ServiceShape.isHeadless(svc) && ServiceShape.isHeadless(old)) {
      return;
    }
    List<String> now = ServiceShape.clusterIps(svc);
    List<String> before = ServiceShape.clusterIps(old);
    JsonNode nowNode = Trees.at(svc, "spec.clusterIPs");
    if (now.isEmpty() && !before.isEmpty()) {
      errs.invalid(FieldPath.of("spec", "clusterIPs").index(0), nowNode == null ? Json.NODES.arrayNode() : nowNode, "primary clusterIP can not be unset");
      return;
    }
    for (int i = 0; i < Math.min(now.size(), before.size()); i++) {
      if (!now.get(i).equals(before.get(i))) {
        errs.invalid(FieldPath.of("spec", "clusterIPs").index(i), nowNode, "may not change once set");
      }
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
