package io.tidewater.apiserver.patch.apply;

import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.CONFIG_MAP;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.CONFIG_MAP_KIND;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.DEPLOYMENT;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.DEPLOYMENT_KIND;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.SERVICE;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.SERVICE_KIND;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.entry;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.fieldsOf;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.json;
import static io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.patch.PatchException;
import io.tidewater.apiserver.patch.apply.ManagedFieldsAssertions.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kubectl scenarios of server-side apply, against the real Deployment, Service and ConfigMap schemas. */
class ServerSideApplyTest {

  private static final String CONFIG =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx
        namespace: default
        labels: {app: nginx, tier: web}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: nginx}
        template:
          metadata:
            labels: {app: nginx}
          spec:
            containers:
            - name: nginx
              image: "nginx:1.27"
              ports:
              - containerPort: 80
              env:
              - {name: MODE, value: fast}
              - {name: DEBUG, value: "0"}
      """;

  private ManualClock clock;
  private FieldManager deployments;

  @BeforeEach
  void setUp() {
    clock = new ManualClock();
    deployments = FieldManager.forKind(DEPLOYMENT, DEPLOYMENT_KIND).withResetFields(FieldPath.of("status")).withClock(clock);
  }

  private ObjectNode applyConfig() {
    return deployments.apply(null, yaml(CONFIG), "kubectl", false);
  }

  /** What a controller's update would store: the live object with one change. */
  private static ObjectNode withReplicas(ObjectNode live, int replicas) {
    ObjectNode changed = live.deepCopy();
    ((ObjectNode) changed.get("spec")).put("replicas", replicas);
    return changed;
  }

  @Test
  void applyingCreatesTheObjectAndRecordsWhatWasApplied() {
    ObjectNode created = applyConfig();

    assertThat(created.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(created.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    JsonNode managed = created.at("/metadata/managedFields");
    assertThat(managed).hasSize(1);
    assertThat(managed.get(0))
        .isEqualTo(
            json(
                """
                manager: kubectl
                operation: Apply
                apiVersion: apps/v1
                time: "2024-05-01T12:00:00Z"
                fieldsType: FieldsV1
                fieldsV1:
                  f:metadata:
                    f:labels:
                      f:app: {}
                      f:tier: {}
                  f:spec:
                    f:replicas: {}
                    f:selector: {}
                    f:template:
                      f:metadata:
                        f:labels:
                          f:app: {}
                      f:spec:
                        f:containers:
                          k:{"name":"nginx"}:
                            .: {}
                            f:env:
                              k:{"name":"DEBUG"}:
                                .: {}
                                f:name: {}
                                f:value: {}
                              k:{"name":"MODE"}:
                                .: {}
                                f:name: {}
                                f:value: {}
                            f:image: {}
                            f:name: {}
                            f:ports:
                              k:{"containerPort":80,"protocol":"TCP"}:
                                .: {}
                                f:containerPort: {}
                """));
    // Written in the order Kubernetes writes the entry.
    assertThat(managed.get(0).fieldNames()).toIterable()
        .containsExactly("manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1");
  }

  @Test
  void aSecondManagerChangingReplicasMakesTheNextApplyConflict() {
    ObjectNode live = applyConfig();
    live = deployments.update(live, withReplicas(live, 5), "kubectl-client-side-apply");
    assertThat(fieldsOf(live, "kubectl-client-side-apply", "Update")).isEqualTo(json("{f:spec: {f:replicas: {}}}"));
    assertThat(fieldsOf(live, "kubectl", "Apply").at("/f:spec").has("f:replicas")).isFalse();

    ObjectNode before = live;
    assertThatThrownBy(() -> deployments.apply(before, yaml(CONFIG), "kubectl", false))
        .isInstanceOfSatisfying(
            ApplyConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.getMessage())
                  .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
              assertThat(e.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo(".spec.replicas");
                assertThat(c.message()).isEqualTo("conflict with \"kubectl-client-side-apply\" using apps/v1");
              });
            });
  }

  @Test
  void forceConflictsMovesOwnershipToTheApplier() {
    ObjectNode live = applyConfig();
    live = deployments.update(live, withReplicas(live, 5), "hpa-controller");

    ObjectNode forced = deployments.apply(live, yaml(CONFIG), "kubectl", true);

    assertThat(forced.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(fieldsOf(forced, "kubectl", "Apply").at("/f:spec").has("f:replicas")).isTrue();
    assertThat(entry(forced, "hpa-controller", "Update")).as("an emptied entry is dropped").isNull();
  }

  @Test
  void leavingOutAFieldOwnedBySomeoneElseLeavesItAlone() {
    ObjectNode live = applyConfig();
    live = deployments.update(live, withReplicas(live, 5), "hpa-controller");
    ObjectNode withoutReplicas = yaml(CONFIG);
    ((ObjectNode) withoutReplicas.get("spec")).remove("replicas");

    ObjectNode applied = deployments.apply(live, withoutReplicas, "kubectl", false);

    assertThat(applied.at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(fieldsOf(applied, "hpa-controller", "Update")).isEqualTo(json("{f:spec: {f:replicas: {}}}"));
  }

  @Test
  void reapplyingWithoutAFieldRemovesIt() {
    ObjectNode live = applyConfig();
    ObjectNode smaller = yaml(CONFIG);
    ((ObjectNode) smaller.at("/metadata/labels")).remove("tier");
    ((ObjectNode) smaller.at("/spec")).remove("replicas");
    ObjectNode container = (ObjectNode) smaller.at("/spec/template/spec/containers/0");
    container.remove("ports");
    ((ArrayNode) container.get("env")).remove(1);

    ObjectNode applied = deployments.apply(live, smaller, "kubectl", false);

    assertThat(applied.at("/metadata/labels")).isEqualTo(json("{app: nginx}"));
    assertThat(applied.at("/spec").has("replicas")).isFalse();
    JsonNode ctr = applied.at("/spec/template/spec/containers/0");
    assertThat(ctr.has("ports")).isFalse();
    assertThat(ctr.get("env")).isEqualTo(json("[{name: MODE, value: fast}]"));
    JsonNode fields = fieldsOf(applied, "kubectl", "Apply");
    assertThat(fields.at("/f:metadata/f:labels").has("f:tier")).isFalse();
    assertThat(fields.at("/f:spec").has("f:replicas")).isFalse();
  }

  @Test
  void removingAContainerFromTheConfigDeletesIt() {
    ObjectNode twoContainers = yaml(CONFIG);
    ((ArrayNode) twoContainers.at("/spec/template/spec/containers"))
        .addObject().put("name", "sidecar").put("image", "busybox");
    ObjectNode live = deployments.apply(null, twoContainers, "kubectl", false);
    assertThat(live.at("/spec/template/spec/containers")).hasSize(2);

    ObjectNode applied = deployments.apply(live, yaml(CONFIG), "kubectl", false);

    assertThat(applied.at("/spec/template/spec/containers")).hasSize(1);
    assertThat(applied.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("nginx");
  }

  @Test
  void sameValuesAreSharedAndSurviveWhenOneApplierLetsGo() {
    ObjectNode live = applyConfig();
    ObjectNode other =
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx, namespace: default, labels: {tier: web}}
            """);
    live = deployments.apply(live, other, "team-b", false);
    assertThat(fieldsOf(live, "team-b", "Apply")).isEqualTo(json("{f:metadata: {f:labels: {f:tier: {}}}}"));
    assertThat(fieldsOf(live, "kubectl", "Apply").at("/f:metadata/f:labels").has("f:tier")).as("co-owned").isTrue();

    ObjectNode withoutTier = yaml(CONFIG);
    ((ObjectNode) withoutTier.at("/metadata/labels")).remove("tier");
    ObjectNode applied = deployments.apply(live, withoutTier, "kubectl", false);

    assertThat(applied.at("/metadata/labels/tier").asText()).isEqualTo("web");
  }

  @Test
  void kubectlScaleThenApplyConflictsWithTheScaleSubresource() {
    ObjectNode live = applyConfig();
    live = deployments.withSubresource("scale").update(live, withReplicas(live, 7), "kubectl-scale");
    JsonNode scaleEntry = entry(live, "kubectl-scale", "Update");
    assertThat(scaleEntry.get("subresource").asText()).isEqualTo("scale");
    assertThat(scaleEntry.get("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(scaleEntry.get("fieldsV1")).isEqualTo(json("{f:spec: {f:replicas: {}}}"));

    ObjectNode scaled = live;
    assertThatThrownBy(() -> deployments.apply(scaled, yaml(CONFIG), "kubectl", false))
        .isInstanceOfSatisfying(
            ApplyConflictException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas"));

    // Applying the scaled value is not a conflict: both managers own it.
    ObjectNode agreeing = yaml(CONFIG);
    ((ObjectNode) agreeing.get("spec")).put("replicas", 7);
    ObjectNode applied = deployments.apply(scaled, agreeing, "kubectl", false);
    assertThat(fieldsOf(applied, "kubectl", "Apply").at("/f:spec").has("f:replicas")).isTrue();
    assertThat(fieldsOf(applied, "kubectl-scale", "Update")).isEqualTo(json("{f:spec: {f:replicas: {}}}"));
  }

  @Test
  void conflictsWithSeveralManagersAreListedPerManager() {
    ObjectNode live = applyConfig();
    live = deployments.update(live, withReplicas(live, 5), "hpa-controller");
    ObjectNode relabelled = live.deepCopy();
    ((ObjectNode) relabelled.at("/metadata/labels")).put("tier", "db");
    ((ObjectNode) relabelled.at("/spec/template/spec/containers/0")).put("image", "nginx:1.28");
    live = deployments.update(live, relabelled, "kubectl-edit");

    ObjectNode conflicted = live;
    assertThatThrownBy(() -> deployments.apply(conflicted, yaml(CONFIG), "kubectl", false))
        .isInstanceOfSatisfying(
            ApplyConflictException.class,
            e -> {
              assertThat(e.conflicts()).hasSize(3);
              assertThat(e.getMessage())
                  .isEqualTo(
                      """
                      Apply failed with 3 conflicts: conflicts with "hpa-controller" using apps/v1:
                      - .spec.replicas
                      conflicts with "kubectl-edit" using apps/v1:
                      - .metadata.labels.tier
                      - .spec.template.spec.containers[name="nginx"].image""");
            });
  }

  @Test
  void aNoOpApplyKeepsTheTimeAndAChangingOneMovesIt() {
    ObjectNode live = applyConfig();
    clock.advance(Duration.ofMinutes(5));
    ObjectNode again = deployments.apply(live, yaml(CONFIG), "kubectl", false);
    assertThat(entry(again, "kubectl", "Apply").get("time").asText()).isEqualTo("2024-05-01T12:00:00Z");

    ObjectNode changed = yaml(CONFIG);
    ((ObjectNode) changed.get("spec")).put("replicas", 4);
    ObjectNode moved = deployments.apply(again, changed, "kubectl", false);
    assertThat(entry(moved, "kubectl", "Apply").get("time").asText()).isEqualTo("2024-05-01T12:05:00Z");
  }

  @Test
  void applyingKeepsTheConfiguredListOrder() {
    ObjectNode live = applyConfig();
    ObjectNode reordered = yaml(CONFIG);
    ArrayNode env =
        (ArrayNode) reordered.at("/spec/template/spec/containers/0/env");
    JsonNode first = env.remove(0);
    env.add(first);
    ObjectNode applied = deployments.apply(live, reordered, "kubectl", false);
    assertThat(applied.at("/spec/template/spec/containers/0/env"))
        .isEqualTo(json("[{name: DEBUG, value: '0'}, {name: MODE, value: fast}]"));
  }

  @Test
  void statusSubresourceAppliesOnlyTouchStatus() {
    ObjectNode live = applyConfig();
    FieldManager status = FieldManager.forStatusSubresource(DEPLOYMENT, DEPLOYMENT_KIND).withClock(clock);
    ObjectNode statusConfig =
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx, namespace: default, labels: {hijack: "true"}}
            spec: {replicas: 99}
            status: {replicas: 3, readyReplicas: 2}
            """);

    ObjectNode applied = status.apply(live, statusConfig, "deployment-controller", false);

    assertThat(applied.at("/status")).isEqualTo(json("{replicas: 3, readyReplicas: 2}"));
    assertThat(applied.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(applied.at("/metadata/labels").has("hijack")).isFalse();
    JsonNode entry = entry(applied, "deployment-controller", "Apply");
    assertThat(entry.get("subresource").asText()).isEqualTo("status");
    assertThat(entry.get("fieldsV1")).isEqualTo(json("{f:status: {f:readyReplicas: {}, f:replicas: {}}}"));

    // And the main resource ignores status in its own applies.
    ObjectNode withStatus = yaml(CONFIG);
    withStatus.putObject("status").put("replicas", 1000);
    ObjectNode main = deployments.apply(applied, withStatus, "kubectl", false);
    assertThat(main.at("/status/replicas").asInt()).isEqualTo(3);
    assertThat(fieldsOf(main, "kubectl", "Apply").has("f:status")).isFalse();
  }

  @Test
  void serverSideApplyAfterClientSideApplyTakesOverUnchangedFields() throws Exception {
    ObjectNode csaObject = yaml(CONFIG);
    String lastApplied = new ObjectMapper().writeValueAsString(yaml(CONFIG));
    ((ObjectNode) csaObject.get("metadata")).putObject("annotations")
        .put(FieldManager.LAST_APPLIED_ANNOTATION, lastApplied);
    ObjectNode live = deployments.update(null, csaObject, "kubectl-client-side-apply");
    assertThat(fieldsOf(live, "kubectl-client-side-apply", "Update").at("/f:spec").has("f:replicas")).isTrue();

    ObjectNode serverSide = yaml(CONFIG);
    ((ObjectNode) serverSide.get("spec")).put("replicas", 4);
    ObjectNode applied = deployments.apply(live, serverSide, "kubectl", false);

    assertThat(applied.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(fieldsOf(applied, "kubectl", "Apply").at("/f:spec").has("f:replicas")).isTrue();
    assertThat(fieldsOf(applied, "kubectl-client-side-apply", "Update").at("/f:spec").has("f:replicas")).isFalse();
    JsonNode annotation =
        new ObjectMapper().readTree(applied.at("/metadata/annotations").get(FieldManager.LAST_APPLIED_ANNOTATION).asText());
    assertThat(annotation.at("/spec/replicas").asInt()).as("the annotation follows the new configuration").isEqualTo(4);
  }

  @Test
  void clientSideApplyFieldsChangedSinceTheirLastApplyStillConflict() throws Exception {
    ObjectNode csaObject = yaml(CONFIG);
    ((ObjectNode) csaObject.get("metadata")).putObject("annotations")
        .put(FieldManager.LAST_APPLIED_ANNOTATION, new ObjectMapper().writeValueAsString(yaml(CONFIG)));
    ((ObjectNode) csaObject.get("spec")).put("replicas", 7);
    ObjectNode live = deployments.update(null, csaObject, "kubectl-client-side-apply");

    assertThatThrownBy(() -> deployments.apply(live, yaml(CONFIG), "kubectl", false))
        .isInstanceOfSatisfying(
            ApplyConflictException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas"));
    // Only kubectl's own manager name upgrades client-side apply state.
    ObjectNode changed = yaml(CONFIG);
    ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "nginx:1.28");
    assertThatThrownBy(() -> deployments.apply(live, changed, "my-applier", false))
        .isInstanceOf(ApplyConflictException.class);
  }

  @Test
  void atomicSelectorsAreOwnedWhole() {
    FieldManager services = FieldManager.forKind(SERVICE, SERVICE_KIND).withClock(clock);
    ObjectNode live =
        services.apply(
            null,
            yaml(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                """),
            "team-a",
            false);
    assertThat(fieldsOf(live, "team-a", "Apply"))
        .isEqualTo(
            json(
                """
                f:spec:
                  f:ports:
                    k:{"port":80,"protocol":"TCP"}:
                      .: {}
                      f:name: {}
                      f:port: {}
                      f:targetPort: {}
                  f:selector: {}
                """));
    ObjectNode other =
        yaml("{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web, tier: x}}}");
    assertThatThrownBy(() -> services.apply(live, other, "team-b", false))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts().get(0).field()).isEqualTo(".spec.selector"));
  }

  @Test
  void configMapDataKeysAreOwnedOneByOne() {
    FieldManager configMaps = FieldManager.forKind(CONFIG_MAP, CONFIG_MAP_KIND).withClock(clock);
    ObjectNode live =
        configMaps.apply(null, yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {a: '1', b: '2'}}"), "one", false);
    live = configMaps.apply(live, yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {c: '3'}}"), "two", false);
    live = configMaps.apply(live, yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {a: '1'}}"), "one", false);
    assertThat(live.get("data")).isEqualTo(json("{a: '1', c: '3'}"));
    assertThat(fieldsOf(live, "two", "Apply")).isEqualTo(json("{f:data: {f:c: {}}}"));
  }

  @Test
  void finalizersAreOwnedByValue() {
    ObjectNode config = yaml(CONFIG);
    ((ObjectNode) config.get("metadata")).putArray("finalizers").add("example.com/cleanup");
    ObjectNode live = deployments.apply(null, config, "kubectl", false);
    assertThat(fieldsOf(live, "kubectl", "Apply").at("/f:metadata/f:finalizers"))
        .isEqualTo(json("{'v:\"example.com/cleanup\"': {}}"));
  }

  @Test
  void neverChangesItsInputs() {
    ObjectNode config = yaml(CONFIG);
    ObjectNode live = applyConfig();
    live = deployments.update(live, withReplicas(live, 5), "hpa-controller");
    ObjectNode liveCopy = live.deepCopy();
    deployments.apply(live, config, "kubectl", true);
    assertThat(config).isEqualTo(yaml(CONFIG));
    assertThat(live).isEqualTo(liveCopy);
  }

  @Test
  void refusesMalformedConfigurations() {
    ObjectNode wrongVersion = yaml(CONFIG).put("apiVersion", "apps/v1beta1");
    assertThatThrownBy(() -> deployments.apply(null, wrongVersion, "kubectl", false))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage())
              .isEqualTo("Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1");
        });

    ObjectNode withManagedFields = yaml(CONFIG);
    ((ObjectNode) withManagedFields.get("metadata")).putArray("managedFields");
    assertThatThrownBy(() -> deployments.apply(null, withManagedFields, "kubectl", false))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.getMessage()).isEqualTo("metadata.managedFields must be nil"));

    ObjectNode unknown = yaml(CONFIG);
    ((ObjectNode) unknown.get("spec")).put("replica", 2);
    assertThatThrownBy(() -> deployments.apply(null, unknown, "kubectl", false))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).endsWith(".spec.replica: field not declared in schema");
        });

    ObjectNode notAMap = yaml(CONFIG);
    ((ObjectNode) notAMap.at("/spec/template/spec")).putArray("containers").add("nginx");
    assertThatThrownBy(() -> deployments.apply(null, notAMap, "kubectl", false))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage())
              .isEqualTo(
                  "failed to create typed patch object (default/nginx; apps/v1, Kind=Deployment):"
                      + " .spec.template.spec.containers: element 0: expected map, got string");
        });

    ObjectNode duplicate = yaml(CONFIG);
    ((ArrayNode) duplicate.at("/spec/template/spec/containers"))
        .addObject().put("name", "nginx").put("image", "other");
    assertThatThrownBy(() -> deployments.apply(null, duplicate, "kubectl", false))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.getMessage()).contains("duplicate entries for key [name=\"nginx\"]"));

    assertThatThrownBy(() -> deployments.apply(null, yaml(CONFIG), " ", false))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
