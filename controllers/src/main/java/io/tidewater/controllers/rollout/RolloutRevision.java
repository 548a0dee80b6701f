package io.tidewater.controllers.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.controllers.detector.WorkloadInspector;

/**
 * The revision a staged rollout moves through the stages: a workload's pod template
 * ({@link PodTemplateHash}), or a plain object's content (a ConfigMap's data, a Service's spec),
 * named the same way and carried on member manifests as {@link PodTemplateHash#ANNOTATION}.
 */
public final class RolloutRevision {
  private RolloutRevision() {}

  public static String of(ObjectNode template) {
    if (WorkloadInspector.hasReplicas(template)) {
      return PodTemplateHash.of(template.path("spec").path("template"));
    }
    ObjectNode content = template.deepCopy();
    content.remove("metadata");
    content.remove("status");
    content.remove("apiVersion");
    content.remove("kind");
    return PodTemplateHash.of(content);
  }
}
