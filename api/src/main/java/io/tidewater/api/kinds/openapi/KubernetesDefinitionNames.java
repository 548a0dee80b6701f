package io.tidewater.api.kinds.openapi;

import java.util.Optional;
import java.util.Set;

/**
 * Maps fabric8 model classes to the OpenAPI definition names the Kubernetes API server publishes them under,
 * so that Tidewater's schemas can {@code $ref} the built-in definitions the API server's schema catalog
 * serves.
 */
public final class KubernetesDefinitionNames {
  private KubernetesDefinitionNames() {}

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

  /** fabric8 keeps these apimachinery meta/v1 types in its core package. */
  private static final Set<String> META_V1 =
      Set.of(
          "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "Condition", "OwnerReference",
          "ManagedFieldsEntry", "Time", "MicroTime", "Duration", "FieldsV1", "Status", "StatusCause",
          "StatusDetails", "Preconditions", "DeleteOptions", "TypeMeta", "GroupVersionKind");

  /** The definition name of {@code type}, or empty when it is not a fabric8 Kubernetes model class. */
  public static Optional<String> of(Class<?> type) {
    String pkg = type.getPackageName();
    String simple = type.getSimpleName();
    if (!pkg.startsWith(FABRIC8)) {
      return Optional.empty();
    }
    if (pkg.equals(FABRIC8)) {
      return Optional.of(
          switch (simple) {
            case "Quantity" -> "io.k8s.apimachinery.pkg.api.resource.Quantity";
            case "IntOrString" -> "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
            default -> (META_V1.contains(simple) ? "io.k8s.apimachinery.pkg.apis.meta.v1." : "io.k8s.api.core.v1.") + simple;
          });
    }
    // io.fabric8.kubernetes.api.model.<group>[.<version>] -> io.k8s.api.<group>.<version>, v1 when unversioned
    String rest = pkg.substring(FABRIC8.length() + 1);
    int dot = rest.indexOf('.');
    String group = dot < 0 ? rest : rest.substring(0, dot);
    String version = dot < 0 ? "v1" : rest.substring(dot + 1);
    return Optional.of("io.k8s.api." + group + "." + version + "." + simple);
  }
}
