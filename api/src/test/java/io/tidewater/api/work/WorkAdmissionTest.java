package io.tidewater.api.work;

import static io.tidewater.api.testing.Examples.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.policy.ConflictResolution;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkAdmissionTest {
  private static final KindDescriptor<ResourceBinding> RB = WorkKinds.RESOURCE_BINDING;
  private static final KindDescriptor<Work> WORK = WorkKinds.WORK;

  private static ObjectNode rb() {
    return Examples.tree("resourcebinding.yaml");
  }

  private static List<FieldError> validateBinding(ObjectNode json) {
    return RB.validateCreate(RB.applyDefaults(RB.decode(json)));
  }

  private static List<FieldError> validateWork(ObjectNode json) {
    return WORK.validateCreate(WORK.applyDefaults(WORK.decode(json)));
  }

  @Test
  void bindingDefaults() {
    ResourceBinding b = RB.applyDefaults(RB.decode(Examples.yaml("""
        metadata: {name: web-deployment, namespace: shop}
        spec:
          resource: {apiVersion: apps/v1, kind: Deployment, namespace: shop, name: web}
        """)));
    assertThat(b.apiVersion()).isEqualTo("work.tidewater.io/v1alpha1");
    assertThat(b.spec().conflictResolution()).isEqualTo(ConflictResolution.ABORT);
    assertThat(b.spec().propagateDeps()).isFalse();
    assertThat(b.spec().replicas()).isZero();
    Work w = WORK.applyDefaults(WORK.decode(Examples.yaml("spec: {workload: {manifests: []}}")));
    assertThat(w.kind()).isEqualTo("Work");
    assertThat(w.spec().suspendDispatching()).isFalse();
  }

  @Test
  void targetClustersAreUniqueValidNamesWithNonNegativeReplicas() {
    ObjectNode b = rb();
    ((ObjectNode) b.at("/spec/clusters/1")).put("name", "idc-bj-1");
    ((ObjectNode) b.at("/spec/clusters/2")).put("replicas", -3);
    ((ArrayNode) b.at("/spec/clusters")).addObject().put("name", "AWS");
    assertThat(paths(validateBinding(b)))
        .containsExactlyInAnyOrder("DUPLICATE spec.clusters[1].name", "INVALID spec.clusters[2].replicas", "INVALID spec.clusters[3].name");
  }

  @Test
  void resourcePolicyRefAndRequirements() {
    ObjectNode b = rb();
    ((ObjectNode) b.at("/spec/resource")).remove("kind");
    ((ObjectNode) b.at("/spec/policyRef")).put("kind", "OverridePolicy");
    ((ObjectNode) b.at("/spec/replicaRequirements/resourceRequest")).put("cpu", "-1");
    ((ObjectNode) b.at("/spec/replicaRequirements/nodeClaim/hardNodeAffinity/nodeSelectorTerms/0/matchExpressions/0")).put("operator", "Near");
    ((ObjectNode) b.at("/spec/gracefulEvictionTasks/0")).put("suppressDeletion", true).put("reason", "cluster not ready");
    assertThat(paths(validateBinding(b)))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.resource.kind",
            "NOT_SUPPORTED spec.policyRef.kind",
            "INVALID spec.replicaRequirements.resourceRequest[cpu]",
            "INVALID spec.replicaRequirements.nodeClaim.hardNodeAffinity.nodeSelectorTerms[0].matchExpressions[0].operator",
            "FORBIDDEN spec.gracefulEvictionTasks[0].suppressDeletion",
            "INVALID spec.gracefulEvictionTasks[0].reason");
  }

  @Test
  void theBoundTemplateIsImmutable() {
    ResourceBinding old = RB.applyDefaults(RB.decode(rb()));
    ObjectNode renamed = rb();
    ((ObjectNode) renamed.at("/spec/resource")).put("name", "api");
    List<FieldError> errs = RB.validateUpdate(RB.applyDefaults(RB.decode(renamed)), old);
    assertThat(paths(errs)).containsExactly("INVALID spec.resource");
    assertThat(errs.get(0).message()).startsWith("spec.resource: Invalid value: \"apps/v1 Deployment shop/api\": field is immutable");

    ObjectNode newUid = rb();
    ((ObjectNode) newUid.at("/spec/resource")).put("uid", "00000000-0000-0000-0000-000000000000");
    assertThat(paths(RB.validateUpdate(RB.applyDefaults(RB.decode(newUid)), old))).containsExactly("INVALID spec.resource.uid");

    // what the scheduler and syncer change is not frozen
    ObjectNode moved = rb();
    ((ObjectNode) moved.at("/spec/resource")).put("resourceVersion", "50000").put("generation", 8);
    ((ObjectNode) moved.at("/spec/clusters/0")).put("replicas", 25);
    assertThat(RB.validateUpdate(RB.applyDefaults(RB.decode(moved)), old)).isEmpty();
  }

  @Test
  void bindingStatus() {
    ObjectNode b = rb();
    ((ObjectNode) b.at("/status")).put("unschedulableReplicas", -1);
    ((ObjectNode) b.at("/status/aggregatedStatus/1")).put("clusterName", "idc-bj-1");
    ((ObjectNode) b.at("/status/conditions/0")).put("reason", "not schedulable");
    ResourceBinding binding = RB.decode(b);
    assertThat(paths(RB.validateStatusUpdate(binding, binding)))
        .containsExactlyInAnyOrder(
            "INVALID status.unschedulableReplicas", "DUPLICATE status.aggregatedStatus[1].clusterName", "INVALID status.conditions[0].reason");
  }

  @Test
  void manifestsMustBeWholeObjects() {
    ObjectNode w = Examples.tree("work.yaml");
    ((ObjectNode) w.at("/spec/workload/manifests/0/metadata")).remove("name");
    ((ObjectNode) w.at("/spec/workload/manifests/1")).remove("kind");
    ((ObjectNode) w.at("/spec/workload/manifests/1")).put("apiVersion", 1);
    assertThat(paths(validateWork(w)))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.workload.manifests[0].metadata.name",
            "REQUIRED spec.workload.manifests[1].kind",
            "INVALID spec.workload.manifests[1].apiVersion");
  }

  @Test
  void workNeedsAWorkloadAndSaneStatus() {
    ObjectNode w = Examples.tree("work.yaml");
    ((ObjectNode) w.at("/spec")).remove("workload");
    ((ObjectNode) w.at("/status/conditions/0")).put("status", "Yes");
    ((ObjectNode) w.at("/status/manifestStatuses/0/identifier")).put("ordinal", -1);
    assertThat(paths(validateWork(w)))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.workload", "NOT_SUPPORTED status.conditions[0].status", "INVALID status.manifestStatuses[0].identifier.ordinal");
  }

  @Test
  void executionNamespaces() {
    assertThat(Work.executionNamespace("idc-bj-1")).isEqualTo("tidewater-es-idc-bj-1");
    assertThat(Work.clusterOf("tidewater-es-idc-bj-1")).isEqualTo("idc-bj-1");
    assertThat(Work.clusterOf("shop")).isNull();
  }

  @Test
  void workNamesTellNamespacesApartAndFitAnObjectName() {
    assertThat(Work.nameFor("shop", "settings-configmap")).isEqualTo("shop.settings-configmap");
    assertThat(Work.nameFor("shop", "settings-configmap")).isNotEqualTo(Work.nameFor("blog", "settings-configmap"));
    String longName = "a".repeat(240) + "-deployment";
    String one = Work.nameFor("team-a", longName);
    String other = Work.nameFor("team-b", longName);
    assertThat(one).hasSizeLessThanOrEqualTo(253).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").isNotEqualTo(other);
    assertThat(one).startsWith("team-a.aaaa");
  }
}
