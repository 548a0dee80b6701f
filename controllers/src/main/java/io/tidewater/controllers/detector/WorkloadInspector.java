package io.tidewater.controllers.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.json.Json;
import io.tidewater.api.quantity.Quantities;
import io.tidewater.api.quantity.Quantity;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the federation needs from a workload template: its replicas, what one replica
 * requests (Kubernetes' effective request: the sum over containers, or the largest init container
 * if more), its node constraints, and the ConfigMaps, Secrets and ServiceAccount it references.
 */
public final class WorkloadInspector {
  private WorkloadInspector() {}

  /** A dependency: {@code ConfigMap}, {@code Secret} or {@code ServiceAccount} in the template's namespace. */
  public record Dependency(String kind, String name) {}

  /** The pod template's spec, or a missing node for kinds without one. */
  public static JsonNode podSpec(ObjectNode template) {
    return template.path("spec").path("template").path("spec");
  }

  public static boolean hasReplicas(ObjectNode template) {
    return template.path("spec").has("template") && ("Deployment".equals(template.path("kind").asText())
        || "StatefulSet".equals(template.path("kind").asText()) || "ReplicaSet".equals(template.path("kind").asText()));
  }

  /**
   * Whether a binding propagates an object without replicas (a ConfigMap, Service ...), which goes
   * whole to every selected cluster. Read from the kind it propagates: the binding's
   * {@code spec.replicas} defaults to 0 for every binding, so it cannot tell.
   */
  public static boolean plainBinding(JsonNode binding) {
    String kind = binding.path("spec").path("resource").path("kind").asText();
    return !("Deployment".equals(kind) || "StatefulSet".equals(kind) || "ReplicaSet".equals(kind));
  }

  public static int replicas(ObjectNode template) {
    JsonNode r = template.path("spec").path("replicas");
    return r.isMissingNode() || r.isNull() ? 1 : r.asInt();
  }

  /** Resource name to canonical quantity (cpu in cores as Kubernetes writes it). */
  public static Map<String, Quantity> effectiveRequests(JsonNode podSpec) {
    Map<String, Quantity> sum = new HashMap<>();
    for (JsonNode c : podSpec.path("containers")) {
      requests(c).forEach((k, v) -> sum.merge(k, v, Quantity::plus));
    }
    for (JsonNode c : podSpec.path("initContainers")) {
      requests(c).forEach((k, v) -> sum.merge(k, v, (a, b) -> a.compareTo(b) >= 0 ? a : b));
    }
    return sum;
  }

  private static Map<String, Quantity> requests(JsonNode container) {
    Map<String, Quantity> out = new HashMap<>();
    JsonNode res = container.path("resources");
    // As Kubernetes defaults it: a limit without a request requests the limit.
    res.path("limits").fields().forEachRemaining(e -> Quantities.tryParse(e.getValue().asText()).ifPresent(q -> out.put(e.getKey(), q)));
    res.path("requests").fields().forEachRemaining(e -> Quantities.tryParse(e.getValue().asText()).ifPresent(q -> out.put(e.getKey(), q)));
    return out;
  }

  /** ConfigMaps, Secrets and the ServiceAccount the pod template references. */
  public static Set<Dependency> dependencies(JsonNode podSpec) {
    Set<Dependency> deps = new LinkedHashSet<>();
    for (JsonNode v : podSpec.path("volumes")) {
      add(deps, "ConfigMap", v.path("configMap").path("name"));
      add(deps, "Secret", v.path("secret").path("secretName"));
      for (JsonNode src : v.path("projected").path("sources")) {
        add(deps, "ConfigMap", src.path("configMap").path("name"));
        add(deps, "Secret", src.path("secret").path("name"));
      }
    }
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : podSpec.path(list)) {
        for (JsonNode env : c.path("env")) {
          add(deps, "ConfigMap", env.path("valueFrom").path("configMapKeyRef").path("name"));
          add(deps, "Secret", env.path("valueFrom").path("secretKeyRef").path("name"));
        }
        for (JsonNode from : c.path("envFrom")) {
          add(deps, "ConfigMap", from.path("configMapRef").path("name"));
          add(deps, "Secret", from.path("secretRef").path("name"));
        }
      }
    }
    for (JsonNode s : podSpec.path("imagePullSecrets")) {
      add(deps, "Secret", s.path("name"));
    }
    String sa = podSpec.path("serviceAccountName").asText("");
    if (!sa.isEmpty() && !sa.equals("default")) {
      deps.add(new Dependency("ServiceAccount", sa));
    }
    return deps;
  }

  private static void add(Set<Dependency> deps, String kind, JsonNode name) {
    if (name.isTextual() && !name.asText().isEmpty()) {
      deps.add(new Dependency(kind, name.asText()));
    }
  }

  /** The binding's {@code replicaRequirements} for a workload template. */
  public static ObjectNode replicaRequirements(ObjectNode template) {
    JsonNode spec = podSpec(template);
    ObjectNode rr = Json.object();
    ObjectNode req = rr.putObject("resourceRequest");
    effectiveRequests(spec).forEach((k, v) -> req.put(k, v.toString()));
    ObjectNode claim = rr.putObject("nodeClaim");
    if (spec.has("nodeSelector")) {
      claim.set("nodeSelector", spec.get("nodeSelector"));
    }
    if (spec.has("tolerations")) {
      claim.set("tolerations", spec.get("tolerations"));
    }
    JsonNode hard = spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
    if (!hard.isMissingNode()) {
      claim.set("hardNodeAffinity", hard);
    }
    if (claim.isEmpty()) {
      rr.remove("nodeClaim");
    }
    if (spec.hasNonNull("priorityClassName")) {
      rr.put("priorityClassName", spec.get("priorityClassName").asText());
    }
    return rr;
  }
}
