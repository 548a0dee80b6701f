package io.tidewater.apiserver.patch.apply;

import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.DEPLOYMENT;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.DEPLOYMENT_KIND;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.POD;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.POD_KIND;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.entry;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.fieldsOf;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.json;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** managedFields of ordinary writes (operation Update): create, update, patch, subresources. */
class FieldManagerUpdateTest {

  /** A Deployment as stored after {@code kubectl create deployment nginx --image=nginx}. */
  private static final String CREATED =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx
        namespace: default
        uid: 6f1c7e52-1d1a-4c43-a5b3-5b1c1c1c1c1c
        resourceVersion: "1"
        generation: 1
        creationTimestamp: "2024-05-01T12:00:00Z"
        labels: {app: nginx}
      spec:
        replicas: 1
        revisionHistoryLimit: 10
        progressDeadlineSeconds: 600
        selector: {matchLabels: {app: nginx}}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
        template:
          metadata:
            labels: {app: nginx}
          spec:
            containers:
            - name: nginx
              image: nginx
              imagePullPolicy: Always
              resources: {}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
      status: {}
      """;

  private ManualClock clock;
  private FieldManager deployments;

  @BeforeEach
  void setUp() {
    clock = new ManualClock();
    deployments = FieldManager.forKind(DEPLOYMENT, DEPLOYMENT_KIND).withResetFields(FieldPath.of("status")).withClock(clock);
  }

  private ObjectNode create() {
    return deployments.update(null, yaml(CREATED), "kubectl-create");
  }

  @Test
  void createRecordsEveryFieldLikeKubectlCreateDoes() {
    ObjectNode created = create();
    JsonNode entry = entry(created, "kubectl-create", "Update");
    assertThat(entry.get("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(entry.get("time").asText()).isEqualTo("2024-05-01T12:00:00Z");
    assertThat(entry.has("subresource")).isFalse();
    // The fieldsV1 Kubernetes writes for this create: "." on the maps and list items the create added,
    // none on the structs Go holds by value (spec, strategy, template), no identity metadata.
    assertThat(entry.get("fieldsV1"))
        .isEqualTo(
            json(
                """
                f:metadata:
                  f:labels:
                    .: {}
                    f:app: {}
                f:spec:
                  f:progressDeadlineSeconds: {}
                  f:replicas: {}
                  f:revisionHistoryLimit: {}
                  f:selector: {}
                  f:strategy:
                    f:rollingUpdate:
                      .: {}
                      f:maxSurge: {}
                      f:maxUnavailable: {}
                    f:type: {}
                  f:template:
                    f:metadata:
                      f:labels:
                        .: {}
                        f:app: {}
                    f:spec:
                      f:containers:
                        k:{"name":"nginx"}:
                          .: {}
                          f:image: {}
                          f:imagePullPolicy: {}
                          f:name: {}
                          f:resources: {}
                          f:terminationMessagePath: {}
                          f:terminationMessagePolicy: {}
                      f:dnsPolicy: {}
                      f:restartPolicy: {}
                      f:schedulerName: {}
                      f:securityContext: {}
                      f:terminationGracePeriodSeconds: {}
                """));
    assertThat(created.at("/spec/replicas").asInt()).as("the object itself is unchanged").isEqualTo(1);
  }

  @Test
  void anotherManagerTakesWhatItChangesAndRemovedFieldsVanish() {
    ObjectNode live = create();
    clock.advance(Duration.ofMinutes(1));
    ObjectNode edited = live.deepCopy();
    ((ObjectNode) edited.get("spec")).put("replicas", 3);
    ((ObjectNode) edited.at("/spec/template/spec/containers/0")).put("image", "nginx:1.27");
    ((ObjectNode) edited.at("/spec/template/spec")).remove("dnsPolicy");
    ((ObjectNode) edited.at("/metadata/labels")).put("tier", "web");

    ObjectNode updated = deployments.update(live, edited, "kubectl-edit");

    assertThat(fieldsOf(updated, "kubectl-edit", "Update"))
        .isEqualTo(
            json(
                """
                f:metadata: {f:labels: {f:tier: {}}}
                f:spec:
                  f:replicas: {}
                  f:template: {f:spec: {f:containers: {'k:{"name":"nginx"}': {f:image: {}}}}}
                """));
    JsonNode creator = fieldsOf(updated, "kubectl-create", "Update");
    assertThat(creator.at("/f:spec").has("f:replicas")).isFalse();
    assertThat(creator.at("/f:spec/f:template/f:spec").has("f:dnsPolicy")).as("removed fields vanish").isFalse();
    assertThat(creator.at("/f:spec/f:template/f:spec/f:containers/k:{\"name\":\"nginx\"}").has("f:image")).isFalse();
    assertThat(creator.at("/f:spec/f:template/f:spec/f:containers/k:{\"name\":\"nginx\"}").has("f:name")).isTrue();
    // Entries are sorted by time: the creator's older entry first.
    assertThat(updated.at("/metadata/managedFields").findValuesAsText("manager")).containsExactly("kubectl-create", "kubectl-edit");
    assertThat(entry(updated, "kubectl-edit", "Update").get("time").asText()).isEqualTo("2024-05-01T12:01:00Z");
  }

  @Test
  void aWriteThatChangesOnlyServerMetadataLeavesManagedFieldsAlone() {
    ObjectNode live = create();
    clock.advance(Duration.ofHours(1));
    ObjectNode same = live.deepCopy();
    ((ObjectNode) same.get("metadata")).put("resourceVersion", "2").put("generation", 2)
        .put("deletionTimestamp", "2024-05-01T13:00:00Z").put("deletionGracePeriodSeconds", 30);

    ObjectNode updated = deployments.update(live, same, "someone-else");

    assertThat(updated.at("/metadata/managedFields")).isEqualTo(live.at("/metadata/managedFields"));
  }

  @Test
  void clientsMayReplaceOrResetManagedFields() {
    ObjectNode live = create();
    ObjectNode reset = live.deepCopy();
    ((ObjectNode) reset.get("metadata")).putArray("managedFields");
    ((ObjectNode) reset.get("spec")).put("replicas", 2);
    ObjectNode afterReset = deployments.update(live, reset, "janitor");
    assertThat(afterReset.at("/metadata/managedFields")).hasSize(1);
    assertThat(fieldsOf(afterReset, "janitor", "Update")).isEqualTo(json("{f:spec: {f:replicas: {}}}"));

    ObjectNode invalid = live.deepCopy();
    ((ArrayNode) invalid.at("/metadata/managedFields")).addObject().put("manager", "x").put("operation", "Sideways");
    ObjectNode afterInvalid = deployments.update(live, invalid, "janitor");
    assertThat(entry(afterInvalid, "kubectl-create", "Update")).as("invalid ones fall back to live").isNotNull();

    ObjectNode viaSubresource = reset.deepCopy();
    ObjectNode afterScale = deployments.withSubresource("scale").update(live, viaSubresource, "kubectl-scale");
    assertThat(entry(afterScale, "kubectl-create", "Update")).as("subresources never take managedFields from the request").isNotNull();
  }

  @Test
  void resetFieldsAreNeverOwned() {
    ObjectNode live = create();
    ObjectNode withStatus = live.deepCopy();
    withStatus.putObject("status").put("replicas", 1);
    ObjectNode updated = deployments.update(live, withStatus, "kubectl-edit");
    assertThat(entry(updated, "kubectl-edit", "Update")).isNull();
  }

  @Test
  void statusWritesAreRecordedWithTheirSubresource() {
    FieldManager pods = FieldManager.forKind(POD, POD_KIND).withResetFields(FieldPath.of("status")).withClock(clock);
    ObjectNode pod =
        pods.update(
            null,
            yaml(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  containers: [{name: web, image: nginx}]
                """),
            "kubectl-run");
    ObjectNode running = pod.deepCopy();
    running.set(
        "status",
        json(
            """
            phase: Running
            podIP: 10.0.0.7
            podIPs: [{ip: 10.0.0.7}]
            conditions: [{type: Ready, status: "True"}]
            """));
    ((ObjectNode) running.at("/spec")).put("nodeName", "sneaky");

    ObjectNode reported = FieldManager.forStatusSubresource(POD, POD_KIND).withClock(clock).update(pod, running, "kubelet");

    JsonNode kubelet = entry(reported, "kubelet", "Update");
    assertThat(kubelet.get("subresource").asText()).isEqualTo("status");
    assertThat(kubelet.get("fieldsV1"))
        .isEqualTo(
            json(
                """
                f:status:
                  f:conditions:
                    .: {}
                    k:{"type":"Ready"}:
                      .: {}
                      f:status: {}
                      f:type: {}
                  f:phase: {}
                  f:podIP: {}
                  f:podIPs:
                    .: {}
                    k:{"ip":"10.0.0.7"}:
                      .: {}
                      f:ip: {}
                """));
  }

  @Test
  void keepsAtMostTenUpdateManagers() {
    ObjectNode live = create();
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofMinutes(1));
      ObjectNode next = live.deepCopy();
      ((ObjectNode) next.at("/metadata/labels")).put("label-" + i, "x");
      live = deployments.update(live, next, "controller-" + i);
    }
    JsonNode managed = live.at("/metadata/managedFields");
    assertThat(managed).hasSize(10);
    JsonNode ancient = entry(live, ManagedFieldSets.ANCIENT_CHANGES, "Update");
    assertThat(ancient).isNotNull();
    // The creator and the oldest controllers were folded together; nothing was lost.
    assertThat(ancient.at("/fieldsV1/f:metadata/f:labels").has("f:label-0")).isTrue();
    assertThat(ancient.at("/fieldsV1/f:metadata/f:labels").has("f:label-1")).isTrue();
    assertThat(ancient.at("/fieldsV1/f:spec").has("f:replicas")).isTrue();
    assertThat(entry(live, "controller-11", "Update")).isNotNull();
  }
}
