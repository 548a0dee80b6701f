package io.tidewater.api.policy;

import static io.tidewater.api.testing.Examples.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyAdmissionTest {
  private static final KindDescriptor<PropagationPolicy> PP = PolicyKinds.PROPAGATION_POLICY;
  private static final KindDescriptor<ClusterPropagationPolicy> CPP = PolicyKinds.CLUSTER_PROPAGATION_POLICY;

  private static ObjectNode pp() {
    return Examples.tree("propagationpolicy.yaml");
  }

  private static List<FieldError> validate(ObjectNode json) {
    return PP.validateCreate(PP.applyDefaults(PP.decode(json)));
  }

  // ---- defaults

  @Test
  void aMinimalPolicyGetsSelfBuiltFirstDivision() {
    PropagationPolicy p = PP.applyDefaults(PP.decode(Examples.yaml("""
        metadata: {name: web, namespace: shop}
        spec:
          resourceSelectors:
          - {apiVersion: apps/v1, kind: Deployment, name: web}
        """)));
    PropagationSpec s = p.spec();
    assertThat(s.propagateDeps()).isFalse();
    assertThat(s.priority()).isZero();
    assertThat(s.conflictResolution()).isEqualTo(ConflictResolution.ABORT);
    assertThat(s.placement().tiers()).extracting(Tier::name).containsExactly("idc", "cloud");
    assertThat(s.placement().replicaScheduling())
        .isEqualTo(new ReplicaSchedulingStrategy(ReplicaSchedulingType.DIVIDED, ReplicaDivisionPreference.WEIGHTED,
            new ClusterPreferences(null, DynamicWeightFactor.AVAILABLE_REPLICAS)));
    assertThat(s.failover()).isEqualTo(new FailoverBehavior(new ClusterFailoverBehavior(300, PurgeMode.GRACEFUL), null));
    assertThat(s.rollout())
        .isEqualTo(new RolloutStrategy(RolloutType.STAGED, null, new HealthGate(100, 0, 0, "10m"), PlainObjectPropagation.STAGED));
    // a tier with only a name selects clusters by spec.tier
    assertThat(s.placement().tiers().get(0).affinity().fieldSelector().matchExpressions().get(0).getValues()).containsExactly("idc");
  }

  @Test
  void duplicatedSchedulingGetsNoDivisionDefaults() {
    ClusterPropagationPolicy p = CPP.applyDefaults(CPP.decode(Examples.tree("clusterpropagationpolicy.yaml")));
    assertThat(p.spec().placement().replicaScheduling())
        .isEqualTo(new ReplicaSchedulingStrategy(ReplicaSchedulingType.DUPLICATED, null, null));
    assertThat(CPP.validateCreate(p)).isEmpty();
  }

  @Test
  void spreadAndFailoverAndStageGateDefaults() {
    PropagationPolicy p = PP.applyDefaults(PP.decode(Examples.yaml("""
        metadata: {name: web, namespace: shop}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          placement:
            spreadConstraints: [{maxGroups: 3}]
            replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}
          failover:
            application: {purgeMode: Immediately}
          rollout:
            healthGate: {minAvailablePercent: 90}
            stages:
            - name: canary
              healthGate: {maxFailedPods: 2}
        """)));
    assertThat(p.spec().placement().spreadConstraints()).containsExactly(new SpreadConstraint(SpreadField.CLUSTER, null, 3, 1));
    assertThat(p.spec().placement().replicaScheduling().weightPreference()).isNull();
    assertThat(p.spec().failover().application())
        .isEqualTo(new ApplicationFailoverBehavior(new DecisionConditions(300), PurgeMode.IMMEDIATELY, null));
    // a stage's gate inherits what it does not say from the rollout's gate
    assertThat(p.spec().rollout().stages().get(0).healthGate()).isEqualTo(new HealthGate(90, 2, 0, "10m"));
    assertThat(PP.validateCreate(p)).isEmpty();
  }

  // ---- validation

  @Test
  void minGroupsAboveMaxGroupsIsInvalid() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/placement/spreadConstraints/0")).put("minGroups", 5);
    List<FieldError> errs = validate(p);
    assertThat(paths(errs)).containsExactly("INVALID spec.placement.spreadConstraints[0].minGroups");
    assertThat(errs.get(0).message())
        .isEqualTo("spec.placement.spreadConstraints[0].minGroups: Invalid value: 5: must be less than or equal to maxGroups (4)");
  }

  @Test
  void spreadByFieldAndSpreadByLabelExcludeEachOther() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/placement/spreadConstraints/0")).put("spreadByLabel", "topology.example.com/rack");
    ((ArrayNode) p.at("/spec/placement/spreadConstraints")).addObject().put("spreadByField", "zone");
    assertThat(paths(validate(p)))
        .containsExactly("FORBIDDEN spec.placement.spreadConstraints[0].spreadByLabel", "DUPLICATE spec.placement.spreadConstraints[1]");
  }

  @Test
  void labelSelectorsWithBadOperatorsOrValuesAreCaught() {
    ObjectNode p = pp();
    ObjectNode expr = (ObjectNode) p.at("/spec/resourceSelectors/1/labelSelector/matchExpressions/0");
    expr.put("operator", "Equals");
    ObjectNode affinity = (ObjectNode) p.at("/spec/placement/clusterAffinity/labelSelector");
    affinity.putObject("matchLabels").put("env", "prod/eu");
    affinity.putArray("matchExpressions").addObject().put("key", "zone").put("operator", "Exists").putArray("values").add("a");
    List<FieldError> errs = validate(p);
    assertThat(paths(errs))
        .containsExactlyInAnyOrder(
            "NOT_SUPPORTED spec.resourceSelectors[1].labelSelector.matchExpressions[0].operator",
            "INVALID spec.placement.clusterAffinity.labelSelector.matchLabels",
            "FORBIDDEN spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values");
    assertThat(errs).extracting(FieldError::message)
        .contains("spec.resourceSelectors[1].labelSelector.matchExpressions[0].operator: Unsupported value: \"Equals\": "
            + "supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"");
  }

  @Test
  void fieldSelectorsKnowClusterFieldsOnly() {
    ObjectNode p = pp();
    ObjectNode expr = (ObjectNode) p.at("/spec/placement/clusterAffinity/fieldSelector/matchExpressions/0");
    expr.put("key", "colour");
    ObjectNode tierExpr = (ObjectNode) p.at("/spec/placement/tiers/1/fieldSelector/matchExpressions/0");
    tierExpr.put("operator", "Exists");
    tierExpr.remove("values");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "NOT_SUPPORTED spec.placement.clusterAffinity.fieldSelector.matchExpressions[0].key",
            "NOT_SUPPORTED spec.placement.tiers[1].fieldSelector.matchExpressions[0].operator",
            "REQUIRED spec.placement.tiers[1].fieldSelector.matchExpressions[0].values");
  }

  @Test
  void replicaSchedulingCombinations() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/placement/replicaScheduling/weightPreference")).put("dynamicWeight", "AvailableReplicas");
    ((ObjectNode) p.at("/spec/placement/replicaScheduling/weightPreference/staticWeightList/1")).put("weight", 0);
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "FORBIDDEN spec.placement.replicaScheduling.weightPreference.dynamicWeight",
            "INVALID spec.placement.replicaScheduling.weightPreference.staticWeightList[1].weight");

    ObjectNode dup = pp();
    ((ObjectNode) dup.at("/spec/placement/replicaScheduling")).put("replicaSchedulingType", "Duplicated");
    assertThat(paths(validate(dup)))
        .containsExactly(
            "FORBIDDEN spec.placement.replicaScheduling.replicaDivisionPreference",
            "FORBIDDEN spec.placement.replicaScheduling.weightPreference");
  }

  @Test
  void tiersAndClusterNames() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/placement/tiers/1")).put("name", "idc");
    ((ArrayNode) p.at("/spec/placement/clusterAffinity/exclude")).add("idc-old").add("Not_A_Cluster");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "DUPLICATE spec.placement.tiers[1].name",
            "DUPLICATE spec.placement.clusterAffinity.exclude[1]",
            "INVALID spec.placement.clusterAffinity.exclude[2]");
    // tier names are not a fixed list
    ObjectNode custom = pp();
    ((ObjectNode) custom.at("/spec/placement/tiers/1")).put("name", "spot");
    assertThat(validate(custom)).isEmpty();
  }

  @Test
  void selectorsStayInThePolicysNamespace() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/resourceSelectors/0")).put("namespace", "billing").put("apiVersion", "apps/v1/extra");
    ((ObjectNode) p.at("/spec/resourceSelectors/1")).remove("kind");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "INVALID spec.resourceSelectors[0].namespace", "INVALID spec.resourceSelectors[0].apiVersion", "REQUIRED spec.resourceSelectors[1].kind");
    ObjectNode cpp = Examples.tree("clusterpropagationpolicy.yaml");
    assertThat(CPP.validateCreate(CPP.applyDefaults(CPP.decode(cpp)))).isEmpty();
    ((ArrayNode) cpp.at("/spec/resourceSelectors")).removeAll();
    assertThat(paths(CPP.validateCreate(CPP.applyDefaults(CPP.decode(cpp))))).containsExactly("REQUIRED spec.resourceSelectors");
  }

  @Test
  void tolerationsAreValidatedAsForPods() {
    ObjectNode p = pp();
    ObjectNode t = (ObjectNode) p.at("/spec/placement/clusterTolerations/0");
    t.remove("key");
    t.put("operator", "Equal");
    t.put("tolerationSeconds", 30);
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "INVALID spec.placement.clusterTolerations[0].operator", "INVALID spec.placement.clusterTolerations[0].effect");
  }

  @Test
  void rolloutRules() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/rollout/stages/0/pause")).put("untilResumed", true);
    ((ObjectNode) p.at("/spec/rollout/stages/1")).putObject("pause");
    ((ObjectNode) p.at("/spec/rollout/healthGate")).put("minAvailablePercent", 120).put("timeout", "soon");
    ((ObjectNode) p.at("/spec/rollout/stages/2")).put("name", "canary");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "FORBIDDEN spec.rollout.stages[0].pause.untilResumed",
            "REQUIRED spec.rollout.stages[1].pause",
            "INVALID spec.rollout.healthGate.minAvailablePercent",
            "INVALID spec.rollout.healthGate.timeout",
            "DUPLICATE spec.rollout.stages[2].name");

    ObjectNode parallel = pp();
    ((ObjectNode) parallel.at("/spec/rollout")).put("type", "Parallel");
    assertThat(paths(validate(parallel))).containsExactly("FORBIDDEN spec.rollout.stages");
  }

  @Test
  void failoverRules() {
    ObjectNode p = pp();
    ((ObjectNode) p.at("/spec/failover/cluster")).put("tolerationSeconds", -1);
    ((ObjectNode) p.at("/spec/failover/application")).put("purgeMode", "Never");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "INVALID spec.failover.cluster.tolerationSeconds", "FORBIDDEN spec.failover.application.gracePeriodSeconds");
  }

  @Test
  void clusterPropagationPolicyIsValidatedLikeAPropagationPolicy() {
    ObjectNode cpp = Examples.tree("clusterpropagationpolicy.yaml");
    ((ObjectNode) cpp.at("/spec/resourceSelectors/0/labelSelector/matchLabels")).put("tidewater.io/propagate", "yes please");
    ((ObjectNode) cpp.at("/spec/placement")).putArray("spreadConstraints").addObject().put("spreadByField", "region").put("minGroups", 3).put("maxGroups", 2);
    ((ObjectNode) cpp.at("/spec/rollout")).putArray("stages").addObject().put("name", "canary");
    ((ObjectNode) cpp.at("/spec/resourceSelectors/1")).put("namespace", "Kube_Public");
    assertThat(paths(CPP.validateCreate(CPP.applyDefaults(CPP.decode(cpp)))))
        .containsExactlyInAnyOrder(
            "INVALID spec.resourceSelectors[0].labelSelector.matchLabels",
            "INVALID spec.placement.spreadConstraints[0].minGroups",
            "FORBIDDEN spec.rollout.stages",
            "INVALID spec.resourceSelectors[1].namespace");
  }
}
