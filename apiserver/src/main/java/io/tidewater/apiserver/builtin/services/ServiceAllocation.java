package io.tidewater.apiserver.builtin.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.validation.FieldError;
import io.tidewater.apiserver.builtin.support.FieldErrors;
import io.tidewater.apiserver.builtin.support.FieldPath;
import io.tidewater.apiserver.builtin.support.Trees;
import io.tidewater.apiserver.errors.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Kubernetes' service REST storage does around the strategy: cluster IPs, IP families and
 * node ports allocated on create and on a change of type, kept on updates that omit them, and
 * released (dropped) when the new type no longer needs them. The cluster is single-stack IPv4.
 */
final class ServiceAllocation {
  private final ServiceAddressAllocator allocator;

  ServiceAllocation(ServiceAddressAllocator allocator) {
    this.allocator = allocator;
  }

  void create(ObjectNode svc) {
    ObjectNode spec = Trees.ensureObject(svc, "spec");
    String clusterIp = Trees.string(spec, "clusterIP");
    if (!clusterIp.isEmpty() && Trees.size(spec, "clusterIPs") == 0) {
      spec.putArray("clusterIPs").add(clusterIp);
    }
    allocate(svc, Set.of(), false);
  }

  void update(ObjectNode svc, ObjectNode old) {
    ObjectNode spec = Trees.ensureObject(svc, "spec");
    ObjectNode oldSpec = Trees.object(old, "spec") == null ? Trees.objectNode() : Trees.object(old, "spec");
    dropTypeDependentFields(svc, old, spec, oldSpec);
    normaliseClusterIps(spec, oldSpec);
    if (ServiceShape.needsClusterIp(old) && ServiceShape.needsClusterIp(svc)) {
      if (Trees.string(spec, "clusterIP").isEmpty() && Trees.has(oldSpec, "clusterIP")) {
        spec.set("clusterIP", oldSpec.get("clusterIP").deepCopy());
      }
      for (String f : List.of("clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (!Trees.has(spec, f) && Trees.has(oldSpec, f)) {
          spec.set(f, oldSpec.get(f).deepCopy());
        }
      }
    }
    if (ServiceShape.needsNodePorts(old) && ServiceShape.needsNodePorts(svc)) {
      keepNodePorts(spec, oldSpec);
    }
    if (ServiceShape.needsHealthCheckNodePort(old) && ServiceShape.needsHealthCheckNodePort(svc)
        && Trees.longValue(spec, "healthCheckNodePort") == 0 && Trees.has(oldSpec, "healthCheckNodePort")) {
      spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort").deepCopy());
    }
    allocate(svc, ServiceShape.nodePorts(old), ServiceShape.needsClusterIp(old));
  }

  /** {@code dropTypeDependentFields}: what the old type needed and the new does not, unless the user changed it. */
  private static void dropTypeDependentFields(ObjectNode svc, ObjectNode old, ObjectNode spec, ObjectNode oldSpec) {
    if (ServiceShape.needsClusterIp(old) && !ServiceShape.needsClusterIp(svc) && sameFields(spec, oldSpec, "clusterIP", "clusterIPs")) {
      spec.remove(List.of("clusterIP", "clusterIPs"));
      if (sameFields(spec, oldSpec, "ipFamilies")) {
        spec.remove("ipFamilies");
      }
      if (sameFields(spec, oldSpec, "ipFamilyPolicy")) {
        spec.remove("ipFamilyPolicy");
      }
    }
    if (ServiceShape.needsNodePorts(old) && !ServiceShape.needsNodePorts(svc)
        && ServiceShape.portNodePorts(spec).equals(ServiceShape.portNodePorts(oldSpec))) {
      Trees.objects(spec, "ports").forEach(p -> p.remove("nodePort"));
    }
    if (ServiceShape.needsHealthCheckNodePort(old) && !ServiceShape.needsHealthCheckNodePort(svc) && sameFields(spec, oldSpec, "healthCheckNodePort")) {
      spec.remove("healthCheckNodePort");
    }
    boolean wasLoadBalancer = ServiceShape.type(old).equals("LoadBalancer");
    if (wasLoadBalancer && !ServiceShape.type(svc).equals("LoadBalancer")) {
      for (String f : List.of("allocateLoadBalancerNodePorts", "loadBalancerClass")) {
        if (sameFields(spec, oldSpec, f)) {
          spec.remove(f);
        }
      }
    }
    boolean oldExternal = List.of("NodePort", "LoadBalancer").contains(ServiceShape.type(old));
    boolean newExternal = List.of("NodePort", "LoadBalancer").contains(ServiceShape.type(svc));
    if (oldExternal && !newExternal && sameFields(spec, oldSpec, "externalTrafficPolicy")) {
      spec.remove("externalTrafficPolicy");
    }
    if (ServiceShape.needsClusterIp(old) && !ServiceShape.needsClusterIp(svc) && sameFields(spec, oldSpec, "internalTrafficPolicy")) {
      spec.remove("internalTrafficPolicy");
    }
  }

  /** {@code NormalizeClusterIPs} for updates: reconcile the singular and plural fields as old clients send them. */
  private static void normaliseClusterIps(ObjectNode spec, ObjectNode oldSpec) {
    String ip = Trees.string(spec, "clusterIP");
    String oldIp = Trees.string(oldSpec, "clusterIP");
    if (Trees.size(oldSpec, "clusterIPs") > 0 && Trees.size(spec, "clusterIPs") == 0 && oldIp.equals(ip)) {
      spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
    }
    if (!oldIp.equals(ip)) {
      if (!oldIp.isEmpty() && ip.isEmpty()) {
        if (sameFields(spec, oldSpec, "clusterIPs")) {
          spec.remove("clusterIPs");
        }
      } else if (sameFields(spec, oldSpec, "clusterIPs")) {
        spec.putArray("clusterIPs").add(ip);
      }
    }
  }

  /** Ports that omit their node port get the one the port of the same name had, if no other port took it. */
  private static void keepNodePorts(ObjectNode spec, ObjectNode oldSpec) {
    Map<String, Long> byName = new HashMap<>();
    Trees.objects(oldSpec, "ports").forEach(p -> byName.put(Trees.string(p, "name"), Trees.longValue(p, "nodePort")));
    Set<Integer> stillUsed = ServiceShape.portNodePorts(oldSpec);
    stillUsed.retainAll(ServiceShape.portNodePorts(spec));
    for (ObjectNode p : Trees.objects(spec, "ports")) {
      if (Trees.longValue(p, "nodePort") == 0) {
        Long previous = byName.get(Trees.string(p, "name"));
        if (previous != null && previous != 0 && !stillUsed.contains(previous.intValue())) {
          p.put("nodePort", previous.intValue());
          stillUsed.add(previous.intValue());
        }
      }
    }
  }

  /**
   * Fills in cluster IPs, families and node ports the Service needs and lacks; reserves the ones
   * a user asked for.
   *
   * @param ownedNodePorts node ports the Service held before this write
   * @param hadClusterIp whether the Service held a cluster IP before (it may not change then)
   */
  private void allocate(ObjectNode svc, Set<Integer> ownedNodePorts, boolean hadClusterIp) {
    ObjectNode spec = Trees.ensureObject(svc, "spec");
    FieldErrors errs = new FieldErrors();
    if (ServiceShape.needsClusterIp(svc)) {
      String ip = Trees.string(spec, "clusterIP");
      if (ip.isEmpty()) {
        String allocated = allocateOrFail(allocator::allocateClusterIp, "failed to allocate a serviceIP: ");
        spec.put("clusterIP", allocated);
        spec.putArray("clusterIPs").add(allocated);
      } else if (!ip.equals("None") && !hadClusterIp && Ipv4Range.toLong(ip) != null) {
        Optional<String> problem = allocator.reserveClusterIp(ip);
        problem.ifPresent(p -> errs.invalid(FieldPath.of("spec", "clusterIPs"), spec.get("clusterIPs"), "failed to allocate IP " + ip + ": " + p));
      }
      Trees.defaultPointerText(spec, "ipFamilyPolicy", "SingleStack");
      if (Trees.size(spec, "ipFamilies") == 0) {
        spec.putArray("ipFamilies").add("IPv4");
      }
    }
    if (ServiceShape.needsNodePorts(svc)) {
      List<ObjectNode> ports = Trees.objects(spec, "ports");
      for (int i = 0; i < ports.size(); i++) {
        ObjectNode p = ports.get(i);
        long np = Trees.longValue(p, "nodePort");
        if (np == 0) {
          p.put("nodePort", allocateOrFail(allocator::allocateNodePort, "failed to allocate a nodePort: "));
        } else {
          FieldPath path = FieldPath.of("spec", "ports").index(i).child("nodePort");
          allocator.reserveNodePort((int) np, ownedNodePorts).ifPresent(problem -> errs.invalid(path, np, problem));
        }
      }
    }
    if (ServiceShape.needsHealthCheckNodePort(svc)) {
      long hc = Trees.longValue(spec, "healthCheckNodePort");
      if (hc == 0) {
        spec.put("healthCheckNodePort", allocateOrFail(allocator::allocateNodePort, "failed to allocate a nodePort: "));
      } else {
        allocator.reserveNodePort((int) hc, ownedNodePorts).ifPresent(p -> errs.invalid(FieldPath.of("spec", "healthCheckNodePort"), hc, p));
      }
    }
    if (!errs.isEmpty()) {
      List<FieldError> list = errs.list();
      throw ApiException.invalid("", "Service", Objects.requireNonNullElse(ObjectMetas.name(svc), ""), list);
    }
  }

  private static <T> T allocateOrFail(java.util.function.Supplier<T> allocation, String prefix) {
    try {
      return allocation.get();
    } catch (IllegalStateException e) {
      throw ApiException.internal(prefix + e.getMessage());
    }
  }

  private static boolean sameFields(ObjectNode a, ObjectNode b, String... fields) {
    for (String f : fields) {
      if (!Objects.equals(nullIfEmpty(a.get(f)), nullIfEmpty(b.get(f)))) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode nullIfEmpty(JsonNode n) {
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty()) || (n instanceof ArrayNode a && a.isEmpty())) {
      return null;
    }
    return n;
  }
}
