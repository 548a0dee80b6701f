package io.tidewater.controllers.runtime;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.TidewaterKinds;
import io.tidewater.api.meta.GroupVersionKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The resource names and scope of the kinds controllers work with: templates and Tidewater's own. */
public record KindInfo(GroupVersionKind gvk, String plural, boolean namespaced) {

  private static final Map<GroupVersionKind, KindInfo> KNOWN = new LinkedHashMap<>();

  static {
    builtin("apps", "v1", "Deployment", "deployments", true);
    builtin("apps", "v1", "StatefulSet", "statefulsets", true);
    builtin("", "v1", "ConfigMap", "configmaps", true);
    builtin("", "v1", "Secret", "secrets", true);
    builtin("", "v1", "Service", "services", true);
    builtin("", "v1", "ServiceAccount", "serviceaccounts", true);
    builtin("", "v1", "Namespace", "namespaces", false);
    builtin("", "v1", "Event", "events", true);
    builtin("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
    for (KindDescriptor<?> k : TidewaterKinds.all()) {
      KNOWN.put(k.gvk(), new KindInfo(k.gvk(), k.plural(), k.namespaced()));
    }
  }

  private static void builtin(String group, String version, String kind, String plural, boolean namespaced) {
    GroupVersionKind gvk = new GroupVersionKind(group, version, kind);
    KNOWN.put(gvk, new KindInfo(gvk, plural, namespaced));
  }

  public static Optional<KindInfo> of(GroupVersionKind gvk) {
    return Optional.ofNullable(KNOWN.get(gvk));
  }

  public static KindInfo require(GroupVersionKind gvk) {
    return of(gvk).orElseThrow(() -> new IllegalArgumentException("unknown kind " + gvk));
  }

  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(gvk.group())
        .withVersion(gvk.version())
        .withKind(gvk.kind())
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
