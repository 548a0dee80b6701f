package io.tidewater.api.apps;

import static io.tidewater.api.testing.Examples.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.policy.SpreadField;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardedSetAdmissionTest {
  private static final KindDescriptor<ShardedSet> SS = ShardedSetKind.DESCRIPTOR;

  private static ObjectNode ss() {
    return Examples.tree("shardedset.yaml");
  }

  private static List<FieldError> validate(ObjectNode json) {
    return SS.validateCreate(SS.applyDefaults(SS.decode(json)));
  }

  @Test
  void defaults() {
    ShardedSet s = SS.applyDefaults(SS.decode(Examples.yaml("""
        metadata: {name: kv, namespace: data}
        spec:
          selector: {matchLabels: {app: kv}}
          template:
            metadata: {labels: {app: kv}}
            spec: {containers: [{name: kv, image: kv:1}]}
        """)));
    ShardedSetSpec spec = s.spec();
    assertThat(spec.shards()).isEqualTo(1);
    assertThat(spec.replicasPerShard()).isEqualTo(1);
    assertThat(spec.updateStrategy())
        .isEqualTo(new ShardedSetUpdateStrategy(ShardedSetUpdateStrategyType.ROLLING_UPDATE, new RollingUpdateShardedSetStrategy(new IntOrString(1), 0)));
    assertThat(spec.podManagementPolicy()).isEqualTo(PodManagementPolicy.ORDERED_READY);
    assertThat(spec.revisionHistoryLimit()).isEqualTo(10);
    assertThat(spec.minReadySeconds()).isZero();
    assertThat(spec.placement()).isEqualTo(new ShardPlacement(SpreadField.CLUSTER, 1));
    assertThat(SS.validateCreate(s)).isEmpty();
  }

  @Test
  void onDeleteGetsNoRollingUpdateDefaults() {
    ObjectNode json = ss();
    ((ObjectNode) json.at("/spec/updateStrategy")).put("type", "OnDelete").remove("rollingUpdate");
    assertThat(SS.applyDefaults(SS.decode(json)).spec().updateStrategy().rollingUpdate()).isNull();
  }

  @Test
  void selectorMustMatchTemplateAndUseValidOperators() {
    ObjectNode s = ss();
    ((ObjectNode) s.at("/spec/template/metadata/labels")).put("app", "search");
    assertThat(paths(validate(s))).containsExactly("INVALID spec.template.metadata.labels");

    ObjectNode e = ss();
    ((ObjectNode) e.at("/spec/selector")).putArray("matchExpressions").addObject().put("key", "app").put("operator", "Equals");
    assertThat(paths(validate(e)))
        .containsExactlyInAnyOrder("NOT_SUPPORTED spec.selector.matchExpressions[0].operator", "INVALID spec.template.metadata.labels");
  }

  @Test
  void matrixAndStrategyBounds() {
    ObjectNode s = ss();
    ((ObjectNode) s.at("/spec")).put("shards", 0);
    ((ObjectNode) s.at("/spec/updateStrategy/rollingUpdate")).put("maxUnavailable", "150%").put("partition", -1);
    ((ObjectNode) s.at("/spec/placement")).put("minGroupsPerShard", 4);
    List<FieldError> errs = validate(s);
    assertThat(paths(errs))
        .containsExactlyInAnyOrder(
            "INVALID spec.shards",
            "INVALID spec.updateStrategy.rollingUpdate.maxUnavailable",
            "INVALID spec.updateStrategy.rollingUpdate.partition",
            "INVALID spec.placement.minGroupsPerShard");
    assertThat(errs).extracting(FieldError::message)
        .contains("spec.placement.minGroupsPerShard: Invalid value: 4: must be less than or equal to replicasPerShard (3): "
            + "a shard cannot span more domains than it has replicas");
  }

  @Test
  void onDeleteForbidsRollingUpdateParameters() {
    ObjectNode s = ss();
    ((ObjectNode) s.at("/spec/updateStrategy")).put("type", "OnDelete");
    assertThat(paths(validate(s))).containsExactly("FORBIDDEN spec.updateStrategy.rollingUpdate");
  }

  @Test
  void podTemplateBasics() {
    ObjectNode s = ss();
    ArrayNode containers = (ArrayNode) s.at("/spec/template/spec/containers");
    containers.addObject().put("name", "searcher");
    ((ObjectNode) s.at("/spec/template/spec")).put("restartPolicy", "Never");
    ((ObjectNode) s.at("/spec/volumeClaimTemplates/0/metadata")).remove("name");
    assertThat(paths(validate(s)))
        .containsExactlyInAnyOrder(
            "DUPLICATE spec.template.spec.containers[1].name",
            "REQUIRED spec.template.spec.containers[1].image",
            "NOT_SUPPORTED spec.template.spec.restartPolicy",
            "REQUIRED spec.volumeClaimTemplates[0].metadata.name");
  }

  @Test
  void identityFieldsAreImmutableButTheMatrixIsNot() {
    ShardedSet old = SS.applyDefaults(SS.decode(ss()));
    ObjectNode changed = ss();
    ((ObjectNode) changed.at("/spec/selector/matchLabels")).put("tier", "gold");
    ((ObjectNode) changed.at("/spec/template/metadata/labels")).put("tier", "gold");
    ((ObjectNode) changed.at("/spec")).put("serviceName", "search");
    ((ObjectNode) changed.at("/spec/volumeClaimTemplates/0/spec/resources/requests")).put("storage", "1Ti");
    assertThat(paths(SS.validateUpdate(SS.applyDefaults(SS.decode(changed)), old)))
        .containsExactly("INVALID spec.selector", "INVALID spec.serviceName", "FORBIDDEN spec.volumeClaimTemplates");

    ObjectNode rescaled = ss();
    ((ObjectNode) rescaled.at("/spec")).put("shards", 16).put("replicasPerShard", 5);
    ((ObjectNode) rescaled.at("/spec/template/spec/containers/0")).put("image", "registry.example.com/search/searcher:v6");
    assertThat(SS.validateUpdate(SS.applyDefaults(SS.decode(rescaled)), old)).isEmpty();
  }

  @Test
  void statusShardsAreUniqueByIndex() {
    ObjectNode s = ss();
    ((ObjectNode) s.at("/status/shards/1")).put("index", 0);
    ((ObjectNode) s.at("/status/shards/0/clusters/1")).put("name", "idc-bj-1");
    ((ObjectNode) s.at("/status")).put("readyReplicas", -1);
    ShardedSet set = SS.decode(s);
    assertThat(paths(SS.validateStatusUpdate(set, set)))
        .containsExactlyInAnyOrder(
            "DUPLICATE status.shards[1].index", "DUPLICATE status.shards[0].clusters[1].name", "INVALID status.readyReplicas");
  }
}
