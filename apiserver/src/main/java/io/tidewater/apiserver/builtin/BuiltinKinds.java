package io.tidewater.apiserver.builtin;

import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.builtin.apps.ControllerRevisionStrategy;
import io.tidewater.apiserver.builtin.apps.DeploymentStrategy;
import io.tidewater.apiserver.builtin.apps.ReplicaSetStrategy;
import io.tidewater.apiserver.builtin.apps.StatefulSetStrategy;
import io.tidewater.apiserver.builtin.autoscaling.HorizontalPodAutoscalerStrategy;
import io.tidewater.apiserver.builtin.coordination.LeaseStrategy;
import io.tidewater.apiserver.builtin.core.ConfigMapStrategy;
import io.tidewater.apiserver.builtin.core.EndpointsStrategy;
import io.tidewater.apiserver.builtin.core.EventStrategy;
import io.tidewater.apiserver.builtin.core.NamespaceStrategy;
import io.tidewater.apiserver.builtin.core.NodeStrategy;
import io.tidewater.apiserver.builtin.core.SecretStrategy;
import io.tidewater.apiserver.builtin.core.ServiceAccountStrategy;
import io.tidewater.apiserver.builtin.pods.PodStrategy;
import io.tidewater.apiserver.builtin.services.ServiceAddressAllocator;
import io.tidewater.apiserver.builtin.services.ServiceStrategy;
import io.tidewater.apiserver.registry.ResourceStrategy;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The built-in Kubernetes kinds, with names, scope, short names and categories exactly as a
 * Kubernetes API server's discovery reports them. Two sets:
 *
 * <ul>
 *   <li>{@link #federation}: the templates users write to the federation;
 *   <li>{@link #memberCluster}: everything a simulated member cluster serves in its single-cluster
 *       profile, including pods, nodes and the objects member controllers write.
 * </ul>
 *
 * Lists are in discovery order: core/v1 first, then apps/v1, autoscaling/v2,
 * coordination.k8s.io/v1. Each call builds fresh strategies; a server registers one set.
 */
public final class BuiltinKinds {
  private BuiltinKinds() {}

  /** The resources of the federation set (issue 2's first list). */
  public static final Set<String> FEDERATION_RESOURCES =
      Set.of("namespaces", "configmaps", "secrets", "services", "serviceaccounts", "events", "deployments", "statefulsets", "horizontalpodautoscalers");

  /**
   * The kinds the federation control plane stores: namespaces, configmaps, secrets, services,
   * serviceaccounts, events, deployments, statefulsets, horizontalpodautoscalers.
   *
   * @param serviceAddresses cluster IPs and node ports for this server's Services
   */
  public static List<ResourceType> federation(ServiceAddressAllocator serviceAddresses) {
    return memberCluster(serviceAddresses).stream().filter(t -> FEDERATION_RESOURCES.contains(t.resource())).toList();
  }

  /**
   * Every built-in kind, for a (simulated) member cluster: the federation set plus pods, nodes,
   * endpoints, replicasets, controllerrevisions and leases.
   *
   * @param serviceAddresses cluster IPs and node ports for this cluster's Services
   */
  public static List<ResourceType> memberCluster(ServiceAddressAllocator serviceAddresses) {
    return List.of(
        core("namespaces", "Namespace", false, List.of("ns"), List.of(), new NamespaceStrategy()),
        core("configmaps", "ConfigMap", true, List.of("cm"), List.of(), new ConfigMapStrategy()),
        core("secrets", "Secret", true, List.of(), List.of(), new SecretStrategy()),
        core("services", "Service", true, List.of("svc"), List.of("all"), new ServiceStrategy(serviceAddresses)),
        core("serviceaccounts", "ServiceAccount", true, List.of("sa"), List.of(), new ServiceAccountStrategy()),
        core("events", "Event", true, List.of("ev"), List.of(), new EventStrategy()),
        core("pods", "Pod", true, List.of("po"), List.of("all"), new PodStrategy()),
        core("nodes", "Node", false, List.of("no"), List.of(), new NodeStrategy()),
        core("endpoints", "Endpoints", true, List.of("ep"), List.of(), new EndpointsStrategy()),
        type("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), List.of("all"), new DeploymentStrategy()),
        type("apps", "v1", "statefulsets", "StatefulSet", true, List.of("sts"), List.of("all"), new StatefulSetStrategy()),
        type("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), List.of("all"), new ReplicaSetStrategy()),
        type("apps", "v1", "controllerrevisions", "ControllerRevision", true, List.of(), List.of(), new ControllerRevisionStrategy()),
        type(
            "autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, List.of("hpa"), List.of("all"),
            new HorizontalPodAutoscalerStrategy()),
        type("coordination.k8s.io", "v1", "leases", "Lease", true, List.of(), List.of(), new LeaseStrategy()));
  }

  private static ResourceType core(
      String resource, String kind, boolean namespaced, List<String> shortNames, List<String> categories, ResourceStrategy strategy) {
    return type("", "v1", resource, kind, namespaced, shortNames, categories, strategy);
  }

  private static ResourceType type(
      String group, String version, String resource, String kind, boolean namespaced, List<String> shortNames, List<String> categories,
      ResourceStrategy strategy) {
    return new ResourceType(
        new GroupVersionResource(group, version, resource), kind, kind.toLowerCase(), namespaced, shortNames, categories, strategy);
  }
}
