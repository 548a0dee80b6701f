package io.tidewater.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorRulesTest {

  @Test
  void reportsEveryBadPartWithKubernetesMessages() {
    LabelSelector s = new LabelSelectorBuilder()
        .addToMatchLabels("app", "web site")
        .addNewMatchExpression().withKey("tier").withOperator("In").endMatchExpression()
        .addNewMatchExpression().withKey("-bad").withOperator("Exists").withValues("x").endMatchExpression()
        .addNewMatchExpression().withKey("zone").withOperator("Gt").withValues("1").endMatchExpression()
        .build();
    List<FieldError> errs = new ArrayList<>();
    LabelSelectorRules.validate(s, FieldPath.root("spec").child("selector"), errs);
    assertThat(errs).extracting(FieldError::message)
        .containsExactly(
            "spec.selector.matchLabels: Invalid value: \"web site\": a valid label must be an empty string or consist of"
                + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
                + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            "spec.selector.matchExpressions[1].key: Invalid value: \"-bad\": name part must consist of alphanumeric characters,"
                + " '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name', "
                + " or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "spec.selector.matchExpressions[2].operator: Unsupported value: \"Gt\": supported values: \"In\", \"NotIn\","
                + " \"Exists\", \"DoesNotExist\"");
  }

  @Test
  void matchesWithKubernetesSemantics() {
    LabelSelector s = new LabelSelectorBuilder()
        .addToMatchLabels("app", "web")
        .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("cloud").endMatchExpression()
        .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
        .build();
    assertThat(LabelSelectorRules.matches(s, Map.of("app", "web"))).isTrue();
    assertThat(LabelSelectorRules.matches(s, Map.of("app", "web", "tier", "idc"))).isTrue();
    assertThat(LabelSelectorRules.matches(s, Map.of("app", "web", "tier", "cloud"))).isFalse();
    assertThat(LabelSelectorRules.matches(s, Map.of("app", "web", "canary", "1"))).isFalse();
    assertThat(LabelSelectorRules.matches(s, Map.of("app", "api"))).isFalse();
    assertThat(LabelSelectorRules.matches(new LabelSelector(), Map.of())).isTrue();
    assertThat(LabelSelectorRules.matches(null, Map.of("app", "web"))).isFalse();
  }
}
