package io.tidewater.api.schema.gen;

import java.util.Map;
import java.util.Set;

/**
 * Maps client-java model classes to the definition names Kubernetes uses in its OpenAPI documents.
 *
 * <p>client-java drops the Go package from its class names ({@code V1Deployment}, {@code V1PodSpec})
 * and only prefixes the group when two groups share a kind name ({@code CoreV1Event}). The group is
 * therefore taken from small tables of the non-core kinds in the closure; everything else with a
 * {@code V1} prefix is core, which {@link #checkCore} cross-checks against fabric8's core model.
 */
final class DefinitionNames {

  static final String CORE = "io.k8s.api.core.v1.";
  static final String APPS = "io.k8s.api.apps.v1.";
  static final String AUTOSCALING_V1 = "io.k8s.api.autoscaling.v1.";
  static final String AUTOSCALING_V2 = "io.k8s.api.autoscaling.v2.";
  static final String COORDINATION = "io.k8s.api.coordination.v1.";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String FIELDS_V1 = META + "FieldsV1";

  /** Types of k8s.io/apimachinery/pkg/apis/meta/v1 that client-java names {@code V1<Name>}. */
  private static final Set<String> META_TYPES =
      Set.of(
          "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition",
          "DeleteOptions", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement",
          "ListMeta", "ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "Preconditions",
          "ServerAddressByClientCIDR", "Status", "StatusCause", "StatusDetails", "WatchEvent");

  private static final Set<String> APPS_TYPES =
      Set.of(
          "ControllerRevision", "ControllerRevisionList", "Deployment", "DeploymentCondition",
          "DeploymentList", "DeploymentSpec", "DeploymentStatus", "DeploymentStrategy", "ReplicaSet",
          "ReplicaSetCondition", "ReplicaSetList", "ReplicaSetSpec", "ReplicaSetStatus",
          "RollingUpdateDeployment", "RollingUpdateStatefulSetStrategy", "StatefulSet",
          "StatefulSetCondition", "StatefulSetList", "StatefulSetOrdinals",
          "StatefulSetPersistentVolumeClaimRetentionPolicy", "StatefulSetSpec", "StatefulSetStatus",
          "StatefulSetUpdateStrategy");

  private static final Set<String> AUTOSCALING_V1_TYPES = Set.of("Scale", "ScaleSpec", "ScaleStatus");

  private static final Set<String> COORDINATION_TYPES = Set.of("Lease", "LeaseList", "LeaseSpec");

  /** Group prefixes client-java puts before the version when kind names collide across groups. */
  private static final Map<String, String> GROUP_PREFIXES = Map.of("CoreV1", CORE);

  /**
   * Core types newer than the fabric8 model on the class path, so {@link #checkCore} cannot confirm
   * them there; each was checked against k8s.io/api/core/v1 instead.
   */
  private static final Set<String> CORE_NEWER_THAN_FABRIC8 =
      Set.of(
          "ContainerExtendedResourceRequest", "ContainerRestartRule", "ContainerRestartRuleOnExitCodes",
          "FileKeySelector", "NodeAllocatableResourceClaimStatus", "NodeSwapStatus",
          "PodCertificateProjection", "PodExtendedResourceClaimStatus", "PodSchedulingGroup",
          "ShardInfo");

  private DefinitionNames() {}

  /** The Kubernetes definition name of a client-java model class. */
  static String of(Class<?> model) {
    String simple = model.getSimpleName();
    for (Map.Entry<String, String> prefix : GROUP_PREFIXES.entrySet()) {
      if (simple.startsWith(prefix.getKey())) {
        return prefix.getValue() + simple.substring(prefix.getKey().length());
      }
    }
    if (simple.startsWith("V2")) {
      // autoscaling is the only built-in group with a v2.
      return AUTOSCALING_V2 + simple.substring(2);
    }
    if (!simple.startsWith("V1")) {
      throw new IllegalArgumentException("cannot name client-java model " + model.getName());
    }
    String name = simple.substring(2);
    if (META_TYPES.contains(name)) {
      return META + name;
    }
    if (APPS_TYPES.contains(name)) {
      return APPS + name;
    }
    if (AUTOSCALING_V1_TYPES.contains(name)) {
      return AUTOSCALING_V1 + name;
    }
    if (COORDINATION_TYPES.contains(name)) {
      return COORDINATION + name;
    }
    checkCore(model, name);
    return CORE + name;
  }

  /**
   * Fails when a {@code V1} class that none of the tables claims is not a core type: fabric8's core
   * package holds exactly core/v1 and meta/v1, so a missing class means a group table lacks it.
   */
  private static void checkCore(Class<?> model, String name) {
    if (CORE_NEWER_THAN_FABRIC8.contains(name)) {
      return;
    }
    try {
      Class.forName("io.fabric8.kubernetes.api.model." + name, false, DefinitionNames.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          model.getName() + " is not in fabric8's core model: add its group to DefinitionNames", e);
    }
  }
}
