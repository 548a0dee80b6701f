package io.tidewater.apiserver.patch;

import static io.tidewater.apiserver.patch.Yaml.DEPLOYMENT;
import static io.tidewater.apiserver.patch.Yaml.SERVICE;
import static io.tidewater.apiserver.patch.Yaml.node;
import static io.tidewater.apiserver.patch.Yaml.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases from Kubernetes' "Update API Objects in Place Using kubectl patch" and kubectl apply's patches. */
class StrategicMergePatchTest {

  /** The patch-demo Deployment of the Kubernetes docs. */
  private static final ObjectNode PATCH_DEMO =
      object(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: patch-demo
            finalizers: [a, b]
          spec:
            replicas: 2
            selector:
              matchLabels: {app: nginx}
            strategy:
              type: RollingUpdate
              rollingUpdate: {maxSurge: 30%}
            template:
              metadata:
                labels: {app: nginx}
              spec:
                containers:
                - name: patch-demo-ctr
                  image: nginx
                  env:
                  - {name: A, value: "1"}
                  - {name: B, value: "2"}
                  ports:
                  - {containerPort: 80}
                - name: sidecar
                  image: busybox
                tolerations:
                - {effect: NoSchedule, key: dedicated, value: test-team}
                volumes:
                - name: data
                  emptyDir: {}
          """);

  private static JsonNode patch(String yaml) {
    return StrategicMergePatch.apply(PATCH_DEMO, object(yaml), DEPLOYMENT);
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(item -> names.add(item.path("name").asText()));
    return names;
  }

  private static JsonNode containers(JsonNode deployment) {
    return deployment.at("/spec/template/spec/containers");
  }

  @Test
  void containersMergeByNameAndNewOnesComeFirst() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  containers:
                  - name: patch-demo-ctr-2
                    image: redis
            """);
    // As in the docs' output: the patched-in container first, then the existing ones.
    assertThat(names(containers(out))).containsExactly("patch-demo-ctr-2", "patch-demo-ctr", "sidecar");
    assertThat(containers(out).get(1).get("image").asText()).isEqualTo("nginx");
    assertThat(containers(PATCH_DEMO)).as("input unchanged").hasSize(2);
  }

  @Test
  void mergingIntoAnExistingContainerKeepsItsOtherFields() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  containers:
                  - name: patch-demo-ctr
                    image: "nginx:1.27"
            """);
    JsonNode ctr = containers(out).get(0);
    assertThat(ctr.get("image").asText()).isEqualTo("nginx:1.27");
    assertThat(ctr.get("env")).hasSize(2);
    assertThat(names(containers(out))).containsExactly("patch-demo-ctr", "sidecar");
  }

  @Test
  void tolerationsHaveNoStrategyAndAreReplaced() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  tolerations:
                  - {effect: NoSchedule, key: disktype, value: ssd}
            """);
    assertThat(out.at("/spec/template/spec/tolerations")).isEqualTo(node("[{effect: NoSchedule, key: disktype, value: ssd}]"));
  }

  @Test
  void envMergesByNameInServerOrder() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  containers:
                  - name: patch-demo-ctr
                    env:
                    - {name: B, value: "3"}
                    - {name: C, value: "4"}
            """);
    assertThat(containers(out).get(0).get("env"))
        .isEqualTo(node("[{name: A, value: '1'}, {name: B, value: '3'}, {name: C, value: '4'}]"));
  }

  @Test
  void portsMergeByContainerPort() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  containers:
                  - name: patch-demo-ctr
                    ports:
                    - {containerPort: 80, name: http}
                    - {containerPort: 443, name: https}
            """);
    assertThat(containers(out).get(0).get("ports"))
        .isEqualTo(node("[{containerPort: 80, name: http}, {containerPort: 443, name: https}]"));
  }

  @Test
  void deletingAContainerWithPatchDelete() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  containers:
                  - name: patch-demo-ctr
                    $patch: delete
            """);
    assertThat(names(containers(out))).containsExactly("sidecar");
  }

  @Test
  void replacingAListWithPatchReplace() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  containers:
                  - {name: only, image: alpine}
                  - $patch: replace
            """);
    assertThat(containers(out)).isEqualTo(node("[{name: only, image: alpine}]"));
  }

  @Test
  void retainKeysDropsTheRollingUpdateWhenSwitchingToRecreate() {
    JsonNode withRetain =
        patch(
            """
            spec:
              strategy:
                $retainKeys: [type]
                type: Recreate
            """);
    assertThat(withRetain.at("/spec/strategy")).isEqualTo(node("{type: Recreate}"));

    JsonNode without = patch("spec: {strategy: {type: Recreate}}");
    assertThat(without.at("/spec/strategy")).isEqualTo(node("{type: Recreate, rollingUpdate: {maxSurge: 30%}}"));
  }

  @Test
  void volumesMergeByNameAndRetainKeysSwitchesTheSource() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  volumes:
                  - name: data
                    $retainKeys: [hostPath, name]
                    hostPath: {path: /data}
            """);
    assertThat(out.at("/spec/template/spec/volumes")).isEqualTo(node("[{name: data, hostPath: {path: /data}}]"));
  }

  @Test
  void retainKeysMustCoverThePatchAndBeAList() {
    assertThatThrownBy(() -> patch("spec: {strategy: {$retainKeys: [type], rollingUpdate: {maxSurge: 1}}}"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("patch content doesn't match retainKeys list");
        });
    assertThatThrownBy(() -> patch("spec: {strategy: {$retainKeys: type}}"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void finalizersAreAUnionAndDeleteFromPrimitiveListRemoves() {
    assertThat(patch("metadata: {finalizers: [c, a]}").at("/metadata/finalizers")).isEqualTo(node("[c, a, b]"));
    assertThat(patch("metadata: {$deleteFromPrimitiveList/finalizers: [a]}").at("/metadata/finalizers"))
        .isEqualTo(node("[b]"));
    assertThatThrownBy(() -> patch("metadata: {$deleteFromPrimitiveList/finalizers: a}"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.getMessage()).isEqualTo("invalid patch format of primitive list"));
  }

  @Test
  void setElementOrderOrdersTheMergedList() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  $setElementOrder/containers:
                  - name: sidecar
                  - name: patch-demo-ctr
                  containers:
                  - name: sidecar
                    image: "busybox:1.36"
            """);
    assertThat(names(containers(out))).containsExactly("sidecar", "patch-demo-ctr");
    assertThat(containers(out).get(0).get("image").asText()).isEqualTo("busybox:1.36");
    assertThat(out.at("/spec/template/spec").has("$setElementOrder/containers")).isFalse();

    JsonNode scalars = patch("metadata: {$setElementOrder/finalizers: [b, a]}");
    assertThat(scalars.at("/metadata/finalizers")).isEqualTo(node("[b, a]"));
  }

  @Test
  void setElementOrderMustAgreeWithThePatchList() {
    assertThatThrownBy(
            () ->
                patch(
                    """
                    spec:
                      template:
                        spec:
                          $setElementOrder/containers: [{name: sidecar}]
                          containers: [{name: other, image: x}]
                    """))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void nullDeletesAndMapsMergeGranularly() {
    JsonNode out =
        patch(
            """
            spec:
              replicas: null
              template:
                metadata:
                  labels: {tier: front}
            """);
    assertThat(out.at("/spec").has("replicas")).isFalse();
    assertThat(out.at("/spec/template/metadata/labels")).isEqualTo(node("{app: nginx, tier: front}"));
  }

  @Test
  void mapDirectives() {
    assertThat(patch("spec: {template: {metadata: {labels: {$patch: replace, only: me}}}}").at("/spec/template/metadata/labels"))
        .isEqualTo(node("{only: me}"));
    assertThat(patch("spec: {strategy: {$patch: delete}}").at("/spec/strategy")).isEqualTo(node("{}"));
    assertThat(patch("spec: {paused: true, newThing: {$patch: delete}}").at("/spec").has("newThing")).isFalse();
    assertThatThrownBy(() -> patch("spec: {strategy: {$patch: explode}}"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void listDirectiveErrors() {
    assertThatThrownBy(() -> patch("spec: {template: {spec: {containers: [{image: x}]}}}"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).contains("does not contain declared merge key: name");
        });
    assertThatThrownBy(() -> patch("spec: {template: {spec: {containers: [{name: x, $patch: merge}]}}}"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.getMessage()).isEqualTo("merging lists cannot yet be specified in the patch"));
    assertThatThrownBy(() -> patch("spec: {template: {spec: {containers: [{$patch: delete}]}}}"))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(422));
  }

  @Test
  void addedValuesAreStoredWithoutDirectives() {
    JsonNode out =
        patch(
            """
            spec:
              template:
                spec:
                  initContainers:
                  - {name: init, image: busybox}
                  - {name: gone, $patch: delete}
            """);
    assertThat(out.at("/spec/template/spec/initContainers")).isEqualTo(node("[{name: init, image: busybox}]"));
  }

  @Test
  void servicePortsMergeByPort() {
    ObjectNode service =
        object(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web, tier: front}
              ports:
              - {name: http, port: 80, targetPort: 8080}
            """);
    JsonNode out =
        StrategicMergePatch.apply(
            service,
            object(
                """
                spec:
                  selector: {app: web2}
                  ports:
                  - {port: 80, targetPort: 9090}
                  - {name: https, port: 443, targetPort: 8443}
                """),
            SERVICE);
    assertThat(out.at("/spec/ports"))
        .isEqualTo(node("[{name: http, port: 80, targetPort: 9090}, {name: https, port: 443, targetPort: 8443}]"));
    // Strategic merge patch knows nothing of x-kubernetes-map-type: the selector still merges.
    assertThat(out.at("/spec/selector")).isEqualTo(node("{app: web2, tier: front}"));
  }

  @Test
  void unknownFieldsMergeAsUntypedValues() {
    JsonNode out = patch("spec: {extra: {a: 1}, template: {spec: {containers: [{name: sidecar, extra: [1]}]}}}");
    assertThat(out.at("/spec/extra/a").asInt()).isEqualTo(1);
    assertThat(containers(out).get(1).get("extra")).isEqualTo(node("[1]"));
  }
}
