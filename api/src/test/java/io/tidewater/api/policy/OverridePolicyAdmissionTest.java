package io.tidewater.api.policy;

import static io.tidewater.api.testing.Examples.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.testing.Examples;
import io.tidewater.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverridePolicyAdmissionTest {
  private static final KindDescriptor<OverridePolicy> OP = PolicyKinds.OVERRIDE_POLICY;
  private static final String RULE0 = "/spec/overrideRules/0/overriders";
  private static final String RULE1 = "/spec/overrideRules/1/overriders";

  private static ObjectNode op() {
    return Examples.tree("overridepolicy.yaml");
  }

  private static List<FieldError> validate(ObjectNode json) {
    return OP.validateCreate(OP.applyDefaults(OP.decode(json)));
  }

  @Test
  void defaultsOnlySetTypeMeta() {
    OverridePolicy p = OP.decode(op());
    OverridePolicy d = OP.applyDefaults(new OverridePolicy(null, null, p.metadata(), p.spec()));
    assertThat(d.apiVersion()).isEqualTo("policy.tidewater.io/v1alpha1");
    assertThat(d.kind()).isEqualTo("OverridePolicy");
    assertThat(d.spec()).isEqualTo(p.spec());
  }

  @Test
  void plaintextNeedsAPointerAndAValueExceptForRemove() {
    ObjectNode p = op();
    ((ObjectNode) p.at(RULE1 + "/plaintext/0")).put("path", "spec.replicas");
    ((ObjectNode) p.at(RULE1 + "/plaintext/0")).remove("value");
    ((ObjectNode) p.at(RULE1 + "/plaintext/1")).put("value", "x");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "INVALID spec.overrideRules[1].overriders.plaintext[0].path",
            "REQUIRED spec.overrideRules[1].overriders.plaintext[0].value",
            "FORBIDDEN spec.overrideRules[1].overriders.plaintext[1].value");
  }

  @Test
  void imageCommandAndLabelOverriders() {
    ObjectNode p = op();
    ((ObjectNode) p.at(RULE0 + "/imageOverrider/0")).remove("value");
    ((ObjectNode) p.at(RULE0 + "/imageOverrider/1")).remove("component");
    ((ObjectNode) p.at(RULE1 + "/commandOverrider/0")).put("operator", "replace");
    ((ObjectNode) p.at(RULE0 + "/labelsOverrider/0/value")).put("tidewater.io/tier", "cloud tier");
    List<FieldError> errs = validate(p);
    assertThat(paths(errs))
        .containsExactlyInAnyOrder(
            "REQUIRED spec.overrideRules[0].overriders.imageOverrider[0].value",
            "REQUIRED spec.overrideRules[0].overriders.imageOverrider[1].component",
            "NOT_SUPPORTED spec.overrideRules[1].overriders.commandOverrider[0].operator",
            "INVALID spec.overrideRules[0].overriders.labelsOverrider[0].value");
  }

  @Test
  void envAndResourcesOverriders() {
    ObjectNode p = op();
    ((ObjectNode) p.at(RULE0 + "/envOverrider/0/value/0")).put("name", "A=B");
    ((ObjectNode) p.at(RULE0 + "/envOverrider/0/value/1")).put("value", "10.0.0.1");
    ((ObjectNode) p.at(RULE0 + "/resourcesOverrider/0/value/requests")).put("memory", "4Gi");
    ((ObjectNode) p.at(RULE0 + "/resourcesOverrider/0")).remove("containerName");
    List<FieldError> errs = validate(p);
    assertThat(paths(errs))
        .containsExactlyInAnyOrder(
            "INVALID spec.overrideRules[0].overriders.envOverrider[0].value[0].name",
            "INVALID spec.overrideRules[0].overriders.envOverrider[0].value[1].valueFrom",
            "INVALID spec.overrideRules[0].overriders.resourcesOverrider[0].value.requests[memory]",
            "REQUIRED spec.overrideRules[0].overriders.resourcesOverrider[0].containerName");
    assertThat(errs).extracting(FieldError::message)
        .contains("spec.overrideRules[0].overriders.resourcesOverrider[0].value.requests[memory]: Invalid value: \"4Gi\": "
            + "must be less than or equal to memory limit of 2Gi");
  }

  @Test
  void targetClustersAndMissingOverriders() {
    ObjectNode p = op();
    ((ObjectNode) p.at("/spec/overrideRules/0/targetCluster/fieldSelector/matchExpressions/0")).put("key", "tierName");
    ((ObjectNode) p.at("/spec/overrideRules/1")).remove("overriders");
    assertThat(paths(validate(p)))
        .containsExactlyInAnyOrder(
            "NOT_SUPPORTED spec.overrideRules[0].targetCluster.fieldSelector.matchExpressions[0].key",
            "REQUIRED spec.overrideRules[1].overriders");
  }
}
