package io.tidewater.server.federation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a ResourceBinding's placement the way a user would, through the federation API. */
final class Bindings {
  static final ResourceDefinitionContext BINDINGS = new ResourceDefinitionContext.Builder()
      .withGroup("work.tidewater.io").withVersion("v1alpha1").withKind("ResourceBinding").withPlural("resourcebindings").withNamespaced(true).build();

  private Bindings() {}

  /** The binding's target clusters and their replicas (empty when there is no binding yet). */
  @SuppressWarnings("unchecked")
  static Map<String, Integer> placement(KubernetesClient client, String namespace, String binding) {
    GenericKubernetesResource b = client.genericKubernetesResources(BINDINGS).inNamespace(namespace).withName(binding).get();
    Map<String, Integer> out = new LinkedHashMap<>();
    if (b == null || !(b.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) || !(spec.get("clusters") instanceof List<?> clusters)) {
      return out;
    }
    for (Object t : clusters) {
      Map<String, Object> m = (Map<String, Object>) t;
      out.put((String) m.get("name"), ((Number) m.getOrDefault("replicas", 0)).intValue());
    }
    return out;
  }
}
