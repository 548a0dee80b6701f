package io.tidewater.controllers.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import java.util.List;

/**
 * Turns a federation template into the manifest applied to one member: intent only (no status,
 * no federation-assigned metadata), this member's replicas, and Tidewater's labels so the member
 * object can be traced back and is never confused with one Tidewater does not own.
 */
public final class ManifestRenderer {
  private ManifestRenderer() {}

  private static final List<String> SYSTEM_METADATA = List.of(
      "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "ownerReferences", "finalizers", "deletionTimestamp",
      "deletionGracePeriodSeconds", "selfLink", "generateName");

  /**
   * @param replicas this member's replicas, or null for objects without replicas
   * @param bindingId {@code <namespace>.<binding name>}
   */
  public static ObjectNode render(ObjectNode template, Integer replicas, String bindingId, String cluster) {
    ObjectNode m = template.deepCopy();
    m.remove("status");
    ObjectNode meta = ObjectMetas.metadata(m);
    SYSTEM_METADATA.forEach(meta::remove);
    JsonNode ann = meta.get("annotations");
    if (ann instanceof ObjectNode a) {
      a.remove("kubectl.kubernetes.io/last-applied-configuration");
      a.remove("deployment.kubernetes.io/revision");
      if (a.isEmpty()) {
        meta.remove("annotations");
      }
    }
    ObjectMetas.setLabel(m, TidewaterLabels.MANAGED_BY, TidewaterLabels.MANAGED_BY_VALUE);
    ObjectMetas.setLabel(m, TidewaterLabels.BINDING, bindingId);
    ObjectMetas.setLabel(m, TidewaterLabels.CLUSTER, cluster);
    ObjectMetas.setAnnotation(m, TidewaterLabels.TEMPLATE_GENERATION, Long.toString(ObjectMetas.generation(template)));
    if (replicas != null && m.path("spec").isObject()) {
      ((ObjectNode) m.get("spec")).put("replicas", replicas);
    }
    if ("Service".equals(ObjectMetas.kind(m)) && m.path("spec").isObject()) {
      // Addresses are allocated by each member.
      ObjectNode spec = (ObjectNode) m.get("spec");
      if (!"None".equals(spec.path("clusterIP").asText())) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      spec.path("ports").forEach(p -> {
        if (p instanceof ObjectNode po) {
          po.remove("nodePort");
        }
      });
    }
    return m;
  }
}
