package io.tidewater.apiserver.patch;

import static io.tidewater.apiserver.patch.Yaml.CONFIG_MAP;
import static io.tidewater.apiserver.patch.Yaml.DEPLOYMENT;
import static io.tidewater.apiserver.patch.Yaml.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.patch.UnknownFields.UnknownField;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

  private static final String DEPLOYMENT_WITH_TYPOS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {any.key/is-fine: "yes"}
        annotations: {also: fine}
        colour: blue
      spec:
        replica: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx
              resources:
                limits: {cpu: "1", example.com/gpu: "2"}
            - name: sidecar
              imagex: busybox
              env: [{name: A, valeu: "1"}]
      """;

  @Test
  void reportsUndeclaredFieldsWithKubernetesPaths() {
    assertThat(UnknownFields.find(object(DEPLOYMENT_WITH_TYPOS), DEPLOYMENT))
        .extracting(UnknownField::path)
        .containsExactly(
            ".metadata.colour",
            ".spec.replica",
            ".spec.template.spec.containers[1].imagex",
            ".spec.template.spec.containers[1].env[0].valeu");
  }

  @Test
  void messagesReadLikeKubernetesStrictDecodingErrors() {
    assertThat(new UnknownField(".spec.replica").message()).isEqualTo("unknown field \"spec.replica\"");
  }

  @Test
  void mapsAndUntypedValuesAreNotChecked() {
    assertThat(UnknownFields.find(object("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {whatever: x}}"), CONFIG_MAP))
        .isEmpty();
    assertThat(
            UnknownFields.find(
                object("{apiVersion: apps/v1, kind: ControllerRevision, metadata: {name: r}, revision: 1, data: {spec: {anything: [1]}}}"),
                Yaml.type("apps", "v1", "ControllerRevision")))
        .isEmpty();
  }

  @Test
  void pruneRemovesThemForWarnAndIgnore() {
    ObjectNode deployment = object(DEPLOYMENT_WITH_TYPOS);
    assertThat(UnknownFields.prune(deployment, DEPLOYMENT)).hasSize(4);
    assertThat(UnknownFields.find(deployment, DEPLOYMENT)).isEmpty();
    assertThat(deployment.at("/spec/template/spec/containers/1").has("imagex")).isFalse();
    assertThat(deployment.at("/spec/selector/matchLabels/app").asText()).isEqualTo("web");
  }
}
