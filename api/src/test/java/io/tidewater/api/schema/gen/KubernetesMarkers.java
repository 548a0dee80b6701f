package io.tidewater.api.schema.gen;

import static io.tidewater.api.schema.gen.DefinitionNames.APPS;
import static io.tidewater.api.schema.gen.DefinitionNames.AUTOSCALING_V2;
import static io.tidewater.api.schema.gen.DefinitionNames.CORE;
import static io.tidewater.api.schema.gen.DefinitionNames.META;
import static io.tidewater.api.schema.gen.FieldSemantics.atomic;
import static io.tidewater.api.schema.gen.FieldSemantics.map;
import static io.tidewater.api.schema.gen.FieldSemantics.mapType;
import static io.tidewater.api.schema.gen.FieldSemantics.mergedMap;
import static io.tidewater.api.schema.gen.FieldSemantics.patchStrategy;
import static io.tidewater.api.schema.gen.FieldSemantics.set;
import static io.tidewater.api.schema.gen.FieldSemantics.unmarked;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The markers of Kubernetes' Go types that client-java's models do not carry, curated by hand.
 *
 * <p>Each entry is keyed {@code <definition>.<jsonField>} and mirrors the comment markers and struct
 * tags in k8s.io/api and k8s.io/apimachinery (checked against the Go sources and against the struct
 * tags compiled into kubectl v1.32). The generator insists that <em>every</em> array in the closure
 * has an entry, so a list added to a new client-java release cannot silently become atomic, and that
 * every entry names a real field, so a typo cannot hide.
 */
final class KubernetesMarkers {

  private static final Map<String, FieldSemantics> FIELDS = new TreeMap<>();

  /** Structs declared {@code +structType=atomic}: written as {@code x-kubernetes-map-type: atomic}. */
  static final Set<String> ATOMIC_STRUCTS =
      Set.of(
          CORE + "ConfigMapKeySelector",
          CORE + "FileKeySelector",
          CORE + "LocalObjectReference",
          CORE + "NodeSelector",
          CORE + "NodeSelectorTerm",
          CORE + "ObjectFieldSelector",
          CORE + "ObjectReference",
          CORE + "ResourceFieldSelector",
          CORE + "SecretKeySelector",
          CORE + "TypedLocalObjectReference",
          META + "LabelSelector",
          META + "OwnerReference");

  /**
   * Field defaults Kubernetes declares with {@code +default}. Only the ones that are list-map keys
   * matter to apply: an element that omits a key field takes the default, as in structured-merge-diff.
   */
  static final Map<String, JsonNode> DEFAULTS =
      Map.of(
          CORE + "ContainerPort.protocol", JsonNodeFactory.instance.textNode("TCP"),
          CORE + "ServicePort.protocol", JsonNodeFactory.instance.textNode("TCP"));

  static {
    // ---- meta/v1 ----
    field(META + "ObjectMeta.finalizers", set().withPatch("merge", null));
    field(META + "ObjectMeta.ownerReferences", mergedMap("uid"));
    field(META + "ObjectMeta.managedFields", atomic());
    field(META + "DeleteOptions.dryRun", atomic());
    field(META + "LabelSelector.matchExpressions", atomic());
    field(META + "LabelSelectorRequirement.values", atomic());
    field(META + "StatusDetails.causes", atomic());
    field(META + "APIResourceList.resources", atomic());
    field(META + "APIResource.categories", atomic());
    field(META + "APIResource.shortNames", atomic());
    field(META + "APIResource.verbs", unmarked()); // declared as the named type Verbs, no marker
    field(META + "APIGroup.versions", atomic());
    field(META + "APIGroup.serverAddressByClientCIDRs", atomic());
    field(META + "APIGroupList.groups", atomic());
    field(META + "APIVersions.versions", atomic());
    field(META + "APIVersions.serverAddressByClientCIDRs", atomic());
    field(META + "Table.columnDefinitions", atomic());
    field(META + "Table.rows", atomic());
    field(META + "TableRow.cells", atomic());
    field(META + "TableRow.conditions", atomic());

    // ---- core/v1: namespaces, config, accounts, endpoints, events ----
    field(CORE + "NamespaceSpec.finalizers", atomic());
    field(CORE + "NamespaceStatus.conditions", mergedMap("type"));
    field(CORE + "ServiceAccount.secrets", mergedMap("name"));
    field(CORE + "ServiceAccount.imagePullSecrets", atomic());
    field(CORE + "Endpoints.subsets", atomic());
    field(CORE + "EndpointSubset.addresses", atomic());
    field(CORE + "EndpointSubset.notReadyAddresses", atomic());
    field(CORE + "EndpointSubset.ports", atomic());

    // ---- core/v1: services ----
    field(CORE + "ServiceSpec.ports", mergedMap("port", "protocol"));
    field(CORE + "ServiceSpec.clusterIPs", atomic());
    field(CORE + "ServiceSpec.externalIPs", atomic());
    field(CORE + "ServiceSpec.ipFamilies", atomic());
    field(CORE + "ServiceSpec.loadBalancerSourceRanges", atomic());
    field(CORE + "ServiceSpec.selector", mapType("atomic"));
    field(CORE + "ServiceStatus.conditions", mergedMap("type"));
    field(CORE + "LoadBalancerStatus.ingress", atomic());
    field(CORE + "LoadBalancerIngress.ports", atomic());

    // ---- core/v1: pod spec ----
    field(CORE + "PodSpec.containers", mergedMap("name"));
    field(CORE + "PodSpec.initContainers", mergedMap("name"));
    field(CORE + "PodSpec.ephemeralContainers", mergedMap("name"));
    field(CORE + "PodSpec.volumes", mergedMap("name").withPatch("merge,retainKeys", "name"));
    field(CORE + "PodSpec.imagePullSecrets", mergedMap("name"));
    field(CORE + "PodSpec.hostAliases", mergedMap("ip"));
    field(CORE + "PodSpec.tolerations", atomic());
    field(CORE + "PodSpec.readinessGates", atomic());
    field(CORE + "PodSpec.topologySpreadConstraints", mergedMap("topologyKey", "whenUnsatisfiable"));
    field(CORE + "PodSpec.schedulingGates", mergedMap("name"));
    field(CORE + "PodSpec.resourceClaims", mergedMap("name").withPatch("merge,retainKeys", "name"));
    field(CORE + "PodSpec.nodeSelector", mapType("atomic"));
    field(CORE + "PodSecurityContext.supplementalGroups", atomic());
    field(CORE + "PodSecurityContext.sysctls", atomic());
    field(CORE + "PodDNSConfig.nameservers", atomic());
    field(CORE + "PodDNSConfig.searches", atomic());
    field(CORE + "PodDNSConfig.options", atomic());
    field(CORE + "HostAlias.hostnames", atomic());
    field(CORE + "TopologySpreadConstraint.matchLabelKeys", atomic());
    field(CORE + "NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution", atomic());
    field(CORE + "PodAffinity.requiredDuringSchedulingIgnoredDuringExecution", atomic());
    field(CORE + "PodAffinity.preferredDuringSchedulingIgnoredDuringExecution", atomic());
    field(CORE + "PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution", atomic());
    field(CORE + "PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution", atomic());
    field(CORE + "PodAffinityTerm.namespaces", atomic());
    field(CORE + "PodAffinityTerm.matchLabelKeys", atomic());
    field(CORE + "PodAffinityTerm.mismatchLabelKeys", atomic());
    field(CORE + "NodeSelector.nodeSelectorTerms", atomic());
    field(CORE + "NodeSelectorTerm.matchExpressions", atomic());
    field(CORE + "NodeSelectorTerm.matchFields", atomic());
    field(CORE + "NodeSelectorRequirement.values", atomic());

    // ---- core/v1: containers (Container and EphemeralContainer share EphemeralContainerCommon) ----
    for (String container : new String[] {"Container", "EphemeralContainer"}) {
      field(CORE + container + ".command", atomic());
      field(CORE + container + ".args", atomic());
      field(CORE + container + ".ports", mergedMap("containerPort", "protocol"));
      field(CORE + container + ".envFrom", atomic());
      field(CORE + container + ".env", mergedMap("name"));
      field(CORE + container + ".resizePolicy", atomic());
      field(CORE + container + ".restartPolicyRules", atomic());
      field(CORE + container + ".volumeMounts", mergedMap("mountPath"));
      field(CORE + container + ".volumeDevices", mergedMap("devicePath"));
    }
    field(CORE + "ResourceRequirements.claims", map("name"));
    field(CORE + "Capabilities.add", atomic());
    field(CORE + "Capabilities.drop", atomic());
    field(CORE + "ExecAction.command", atomic());
    field(CORE + "HTTPGetAction.httpHeaders", atomic());
    field(CORE + "LinuxContainerUser.supplementalGroups", atomic());
    field(CORE + "ContainerRestartRuleOnExitCodes.values", set());

    // ---- core/v1: volumes ----
    field(CORE + "ConfigMapVolumeSource.items", atomic());
    field(CORE + "SecretVolumeSource.items", atomic());
    field(CORE + "DownwardAPIVolumeSource.items", atomic());
    field(CORE + "ConfigMapProjection.items", atomic());
    field(CORE + "SecretProjection.items", atomic());
    field(CORE + "DownwardAPIProjection.items", atomic());
    field(CORE + "ProjectedVolumeSource.sources", atomic());
    field(CORE + "CephFSVolumeSource.monitors", atomic());
    field(CORE + "RBDVolumeSource.monitors", atomic());
    field(CORE + "FCVolumeSource.targetWWNs", atomic());
    field(CORE + "FCVolumeSource.wwids", atomic());
    field(CORE + "ISCSIVolumeSource.portals", atomic());
    field(CORE + "PersistentVolumeClaimSpec.accessModes", atomic());
    field(CORE + "PersistentVolumeClaimStatus.accessModes", atomic());
    field(CORE + "PersistentVolumeClaimStatus.conditions", mergedMap("type"));
    field(CORE + "PersistentVolumeClaimStatus.allocatedResourceStatuses", mapType("granular"));

    // ---- core/v1: pod status ----
    field(CORE + "PodStatus.conditions", mergedMap("type"));
    field(CORE + "PodStatus.podIPs", mergedMap("ip"));
    field(CORE + "PodStatus.hostIPs", atomic().withPatch("merge", "ip"));
    field(CORE + "PodStatus.initContainerStatuses", atomic());
    field(CORE + "PodStatus.containerStatuses", atomic());
    field(CORE + "PodStatus.ephemeralContainerStatuses", atomic());
    field(CORE + "PodStatus.resourceClaimStatuses", mergedMap("name").withPatch("merge,retainKeys", "name"));
    field(CORE + "PodStatus.nodeAllocatableResourceClaimStatuses", atomic());
    field(CORE + "NodeAllocatableResourceClaimStatus.containers", set());
    field(CORE + "PodExtendedResourceClaimStatus.requestMappings", atomic());
    field(CORE + "ContainerStatus.volumeMounts", atomic().withPatch("merge", "mountPath"));
    field(CORE + "ContainerStatus.allocatedResourcesStatus", mergedMap("name"));
    field(CORE + "ResourceStatus.resources", map("resourceID"));

    // ---- core/v1: nodes ----
    field(CORE + "NodeSpec.podCIDRs", set().withPatch("merge", null));
    field(CORE + "NodeSpec.taints", atomic());
    field(CORE + "NodeStatus.addresses", mergedMap("type"));
    field(CORE + "NodeStatus.conditions", mergedMap("type"));
    field(CORE + "NodeStatus.images", atomic());
    field(CORE + "NodeStatus.volumesInUse", atomic());
    field(CORE + "NodeStatus.volumesAttached", atomic());
    field(CORE + "NodeStatus.runtimeHandlers", atomic());
    field(CORE + "NodeStatus.declaredFeatures", atomic());
    field(CORE + "ContainerImage.names", atomic());

    // ---- apps/v1 ----
    field(APPS + "DeploymentSpec.strategy", patchStrategy("retainKeys"));
    field(APPS + "DeploymentStatus.conditions", mergedMap("type"));
    field(APPS + "StatefulSetSpec.volumeClaimTemplates", atomic());
    field(APPS + "StatefulSetStatus.conditions", mergedMap("type"));
    field(APPS + "ReplicaSetStatus.conditions", mergedMap("type"));

    // ---- autoscaling/v2 ----
    field(AUTOSCALING_V2 + "HorizontalPodAutoscalerSpec.metrics", atomic());
    field(AUTOSCALING_V2 + "HorizontalPodAutoscalerStatus.currentMetrics", atomic());
    field(AUTOSCALING_V2 + "HorizontalPodAutoscalerStatus.conditions", mergedMap("type"));
    field(AUTOSCALING_V2 + "HPAScalingRules.policies", atomic());
  }

  private KubernetesMarkers() {}

  private static void field(String key, FieldSemantics semantics) {
    if (FIELDS.put(key, semantics) != null) {
      throw new IllegalStateException("duplicate marker entry " + key);
    }
  }

  /** The curated entries, keyed {@code <definition>.<jsonField>}. */
  static Map<String, FieldSemantics> fields() {
    return FIELDS;
  }
}
