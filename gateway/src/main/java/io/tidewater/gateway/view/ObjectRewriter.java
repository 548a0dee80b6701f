package io.tidewater.gateway.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.ObjectMetas;

/**
 * Turns a member's object into its merged-view form: the name becomes {@code <cluster>.<name>},
 * the label {@value #CLUSTER_LABEL} names the member, and references that must stay consistent
 * inside the merged view are rewritten the same way: a pod's {@code spec.nodeName} and
 * {@code status.nominatedNodeName}, owner references to pods, nodes and replicasets, and an
 * event's {@code involvedObject}, {@code related} and {@code source.host}. References to other
 * kinds (a ReplicaSet's Deployment) keep their names: they name the federation's templates.
 */
public final class ObjectRewriter {
  public static final String CLUSTER_LABEL = "tidewater.io/cluster";

  private ObjectRewriter() {}

  /** Rewrites {@code obj} in place (it must be a private copy) and returns it. */
  public static ObjectNode toMerged(MergedKind kind, String cluster, ObjectNode obj) {
    ObjectNode meta = ObjectMetas.metadata(obj);
    meta.put("name", MergedName.of(cluster, ObjectMetas.name(obj)));
    meta.remove("selfLink");
    ObjectMetas.setLabel(obj, CLUSTER_LABEL, cluster);
    for (ObjectNode owner : ObjectMetas.ownerReferences(obj)) {
      rewriteReference(cluster, owner);
    }
    switch (kind) {
      case PODS -> {
        prefix(cluster, obj.get("spec"), "nodeName");
        prefix(cluster, obj.get("status"), "nominatedNodeName");
      }
      case EVENTS -> {
        if (obj.get("involvedObject") instanceof ObjectNode involved) {
          rewriteReference(cluster, involved);
        }
        if (obj.get("related") instanceof ObjectNode related) {
          rewriteReference(cluster, related);
        }
        prefix(cluster, obj.get("source"), "host");
      }
      case NODES, REPLICASETS -> {}
    }
    return obj;
  }

  private static void rewriteReference(String cluster, ObjectNode ref) {
    JsonNode kind = ref.get("kind");
    if (kind != null && MergedKind.MERGED_KIND_NAMES.contains(kind.asText())) {
      prefix(cluster, ref, "name");
    }
  }

  private static void prefix(String cluster, JsonNode parent, String field) {
    if (parent instanceof ObjectNode o) {
      JsonNode v = o.get(field);
      if (v != null && v.isTextual() && !v.asText().isEmpty()) {
        o.put(field, MergedName.of(cluster, v.asText()));
      }
    }
  }
}
