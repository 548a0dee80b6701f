package io.tidewater.apiserver.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.apiserver.builtin.services.ServiceAddressAllocator;
import io.tidewater.apiserver.builtin.services.ServiceAddressesInUse;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceStrategy.DeletionBehaviour;
import io.tidewater.apiserver.registry.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltinKindsTest {
  private final List<ResourceType> member = BuiltinKinds.memberCluster(new ServiceAddressAllocator(ServiceAddressesInUse.NONE));
  private final Map<String, ResourceType> byResource = member.stream().collect(Collectors.toMap(ResourceType::resource, Function.identity()));

  /** resource → "apiVersion Kind namespaced shortNames categories", as kubectl api-resources shows them. */
  @Test
  void discoveryMatchesKubernetes() {
    assertThat(member.stream().map(t -> t.resource() + " " + t.apiVersion() + " " + t.kind() + " " + t.namespaced() + " " + t.shortNames() + " " + t.categories()))
        .containsExactly(
            "namespaces v1 Namespace false [ns] []",
            "configmaps v1 ConfigMap true [cm] []",
            "secrets v1 Secret true [] []",
            "services v1 Service true [svc] [all]",
            "serviceaccounts v1 ServiceAccount true [sa] []",
            "events v1 Event true [ev] []",
            "pods v1 Pod true [po] [all]",
            "nodes v1 Node false [no] []",
            "endpoints v1 Endpoints true [ep] []",
            "deployments apps/v1 Deployment true [deploy] [all]",
            "statefulsets apps/v1 StatefulSet true [sts] [all]",
            "replicasets apps/v1 ReplicaSet true [rs] [all]",
            "controllerrevisions apps/v1 ControllerRevision true [] []",
            "horizontalpodautoscalers autoscaling/v2 HorizontalPodAutoscaler true [hpa] [all]",
            "leases coordination.k8s.io/v1 Lease true [] []");
    assertThat(byResource.get("horizontalpodautoscalers").singular()).isEqualTo("horizontalpodautoscaler");
  }

  @Test
  void theFederationSetIsTheTemplatesKinds() {
    List<ResourceType> federation = BuiltinKinds.federation(new ServiceAddressAllocator(ServiceAddressesInUse.NONE));
    assertThat(federation.stream().map(ResourceType::resource))
        .containsExactly(
            "namespaces", "configmaps", "secrets", "services", "serviceaccounts", "events", "deployments", "statefulsets", "horizontalpodautoscalers");
  }

  @Test
  void bothSetsRegisterWithoutClashes() {
    ResourceRegistry registry = new ResourceRegistry();
    member.forEach(registry::register);
    assertThat(registry.groups()).containsExactly("", "apps", "autoscaling", "coordination.k8s.io");
    assertThat(registry.find("apps", "v1", "deployments")).isPresent();
  }

  @Test
  void subresourcesAndGenerationFollowKubernetes() {
    assertThat(member.stream().filter(ResourceType::hasStatus).map(ResourceType::resource))
        .containsExactlyInAnyOrder("namespaces", "services", "pods", "nodes", "deployments", "statefulsets", "replicasets", "horizontalpodautoscalers");
    assertThat(member.stream().filter(t -> t.strategy().scale().isPresent()).map(ResourceType::resource))
        .containsExactlyInAnyOrder("deployments", "statefulsets", "replicasets");
    assertThat(member.stream().filter(t -> t.strategy().tracksGeneration()).map(ResourceType::resource))
        .containsExactlyInAnyOrder("deployments", "statefulsets", "replicasets", "horizontalpodautoscalers");
    assertThat(member.stream().filter(t -> t.strategy().deletionBehaviour() == DeletionBehaviour.FINALIZED_BY_CONTROLLER).map(ResourceType::resource))
        .containsExactly("namespaces");
  }

  @Test
  void selectableFieldsAreKubernetesFieldSelectors() {
    assertThat(byResource.get("pods").strategy().selectableFields())
        .containsKeys("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName");
    assertThat(byResource.get("events").strategy().selectableFields())
        .containsKeys(
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type");
    assertThat(byResource.get("secrets").strategy().selectableFields()).containsOnlyKeys("type");
    assertThat(byResource.get("namespaces").strategy().selectableFields()).containsOnlyKeys("status.phase");
    assertThat(byResource.get("nodes").strategy().selectableFields()).containsOnlyKeys("spec.unschedulable");
    assertThat(byResource.get("replicasets").strategy().selectableFields()).containsOnlyKeys("status.replicas");
    assertThat(byResource.get("deployments").strategy().selectableFields()).isEmpty();
  }

  @Test
  void columnsAreDescribedAndTypedAsTableColumnDefinitions() {
    for (ResourceType t : member) {
      for (var c : t.strategy().printerColumns()) {
        assertThat(c.type()).as(t.resource() + " " + c.name()).isIn("string", "integer", "number", "boolean");
        assertThat(c.description()).as(t.resource() + " " + c.name()).isNotBlank();
        assertThat(c.priority()).isIn(0, 1);
      }
    }
    assertThat(byResource.get("events").strategy().printerColumns().stream().map(c -> c.name())).doesNotContain("Age");
  }
}
