package io.tidewater.apiserver.builtin.pods;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PodStrategyTest {
  private final PodStrategy strategy = new PodStrategy();
  private final StrategyHarness harness = new StrategyHarness(strategy);

  private static ObjectNode pod(String spec) {
    return json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-0\",\"namespace\":\"default\"},\"spec\":" + spec + "}");
  }

  @Test
  void defaultsMatchKubernetesForAPod() {
    ObjectNode in =
        pod(
            """
            {"containers":[{"name":"web","image":"nginx:1.27",
               "ports":[{"containerPort":80}],
               "resources":{"limits":{"cpu":"0.5","memory":"256Mi"}},
               "env":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "readinessProbe":{"httpGet":{"port":80}},
               "volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg"}]}],
             "initContainers":[{"name":"init","image":"busybox"}],
             "volumes":[{"name":"cfg","configMap":{"name":"web"}},{"name":"tmp"}]}
            """);
    ObjectNode expected =
        pod(
            """
            {"containers":[{"name":"web","image":"nginx:1.27",
               "ports":[{"containerPort":80,"protocol":"TCP"}],
               "resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"500m","memory":"256Mi"}},
               "env":[{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],
               "readinessProbe":{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},
                 "timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
               "volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg"}],
               "imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
             "initContainers":[{"name":"init","image":"busybox","imagePullPolicy":"Always",
               "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
             "volumes":[{"name":"cfg","configMap":{"name":"web","defaultMode":420}},{"name":"tmp","emptyDir":{}}],
             "enableServiceLinks":true,"dnsPolicy":"ClusterFirst","restartPolicy":"Always","securityContext":{},
             "terminationGracePeriodSeconds":30,"schedulerName":"default-scheduler"}
            """);
    assertThat(harness.defaulted(in)).isEqualTo(expected);
  }

  @Test
  void aNewPodIsPendingWhateverStatusItWasSentWith() {
    ObjectNode in = pod("{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}");
    in.putObject("status").put("phase", "Running");
    ObjectNode stored = harness.create(in).stored();
    assertThat(stored.get("status")).isEqualTo(json("{\"phase\":\"Pending\"}"));
  }

  @Test
  void podSpecValidationUsesKubernetesPathsAndMessages() {
    assertThat(harness.errors(pod("{\"containers\":[]}"))).containsExactly("spec.containers: Required value");
    ObjectNode bad =
        pod(
            """
            {"initContainers":[{"name":"web","image":"busybox"}],
             "containers":[{"name":"web",
               "ports":[{"containerPort":70000,"protocol":"HTTP"}],
               "env":[{"name":"A=B","value":"x"}],
               "resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}},
               "volumeMounts":[{"name":"data","mountPath":"/data"}]}]}
            """);
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.containers[0].image: Required value",
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable"
                + " ASCII characters other than '='",
            "spec.containers[0].volumeMounts[0].name: Invalid value: \"data\": not found",
            "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
            "spec.initContainers[0].name: Duplicate value: \"web\"");
  }

  @Test
  void containerNamesAreLabelsAndVolumesAreUnique() {
    ObjectNode bad =
        pod(
            """
            {"containers":[{"name":"Web","image":"nginx","resources":{"requests":{"nvidia.com/gpu":"1"},"limits":{"nvidia.com/gpu":"2"}}}],
             "volumes":[{"name":"a"},{"name":"a"}]}
            """);
    assertThat(harness.errors(bad))
        .containsExactly(
            "spec.volumes[1].name: Duplicate value: \"a\"",
            "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric"
                + " characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2");
  }

  @Test
  void updatesMayChangeImagesAndBindAnUnboundPodButNothingElse() {
    ObjectNode stored = harness.create(pod("{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1\"}]}")).stored();
    ObjectNode newImage = stored.deepCopy();
    newImage.withObject("/spec/containers/0").put("image", "nginx:2");
    newImage.withObject("/spec").put("nodeName", "node-1");
    ObjectNode bound = harness.update(newImage, stored).stored();
    ObjectNode moved = bound.deepCopy();
    moved.withObject("/spec").put("nodeName", "node-2");
    assertThat(harness.update(moved, bound).messages()).containsExactly("spec: Forbidden: " + PodStrategy.UPDATE_FORBIDDEN);
    ObjectNode newPort = bound.deepCopy();
    newPort.withObject("/spec/containers/0").putArray("ports").addObject().put("containerPort", 80);
    assertThat(harness.update(newPort, bound).messages()).containsExactly("spec: Forbidden: " + PodStrategy.UPDATE_FORBIDDEN);
  }

  private static ObjectNode withStatus(String status) {
    ObjectNode p = pod("{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}");
    p.withObject("/metadata").put("creationTimestamp", Instant.now().minus(3, ChronoUnit.HOURS).toString());
    p.set("status", json(status));
    return p;
  }

  @Test
  void aRunningPodPrintsAsKubectlDoes() {
    ObjectNode p =
        withStatus(
            """
            {"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],
             "conditions":[{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2024-01-01T00:00:00Z"}}}]}
            """);
    assertThat(harness.columnNames()).containsExactly("Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*");
    assertThat(harness.cells(p)).containsExactly("1/1", "Running", "0", "3h", "10.244.1.5", "node-1", "<none>", "<none>");
  }

  @Test
  void aCrashLoopingContainerShowsItsReasonAndWhenItLastRestarted() {
    String finished = Instant.now().minusSeconds(10 * 60 + 30).truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode p =
        withStatus(
            """
            {"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
             "containerStatuses":[{"name":"web","ready":false,"restartCount":5,
               "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s restarting failed container"}},
               "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}]}
            """
                .formatted(finished));
    assertThat(harness.cells(p).subList(0, 3)).containsExactly("0/1", "CrashLoopBackOff", "5 (10m ago)");
  }

  @Test
  void statusReasonsFollowKubectlsPrecedence() {
    assertThat(harness.cell(withStatus("{\"phase\":\"Pending\"}"), "Status")).isEqualTo("Pending");
    assertThat(
            harness.cell(
                withStatus("{\"phase\":\"Pending\",\"containerStatuses\":[{\"name\":\"web\",\"state\":{\"waiting\":{\"reason\":\"ContainerCreating\"}}}]}"),
                "Status"))
        .isEqualTo("ContainerCreating");
    assertThat(
            harness.cell(
                withStatus(
                    "{\"phase\":\"Succeeded\",\"containerStatuses\":[{\"name\":\"web\",\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}}]}"),
                "Status"))
        .isEqualTo("Completed");
    assertThat(
            harness.cell(
                withStatus("{\"phase\":\"Failed\",\"containerStatuses\":[{\"name\":\"web\",\"state\":{\"terminated\":{\"exitCode\":137,\"signal\":9}}}]}"),
                "Status"))
        .isEqualTo("Signal:9");
    ObjectNode initializing =
        withStatus("{\"phase\":\"Pending\",\"initContainerStatuses\":[{\"name\":\"init\",\"state\":{\"waiting\":{\"reason\":\"PodInitializing\"}}}]}");
    initializing.withObject("/spec").putArray("initContainers").addObject().put("name", "init").put("image", "busybox");
    assertThat(harness.cell(initializing, "Status")).isEqualTo("Init:0/1");
    ObjectNode deleting = withStatus("{\"phase\":\"Running\"}");
    deleting.withObject("/metadata").put("deletionTimestamp", Instant.now().toString());
    assertThat(harness.cell(deleting, "Status")).isEqualTo("Terminating");
  }

  @Test
  void readinessGatesCountTrueConditions() {
    ObjectNode p = withStatus("{\"phase\":\"Running\",\"conditions\":[{\"type\":\"example.com/lb\",\"status\":\"True\"}]}");
    var gates = p.withObject("/spec").putArray("readinessGates");
    gates.addObject().put("conditionType", "example.com/lb");
    gates.addObject().put("conditionType", "example.com/dns");
    assertThat(harness.cell(p, "Readiness Gates")).isEqualTo("1/2");
  }

  @Test
  void selectableFieldsAreKubernetesPodFields() {
    ObjectNode p = withStatus("{\"phase\":\"Running\",\"podIP\":\"10.244.1.5\"}");
    var fields = strategy.selectableFields();
    assertThat(fields.get("spec.nodeName").apply(p)).isEqualTo("node-1");
    assertThat(fields.get("status.phase").apply(p)).isEqualTo("Running");
    assertThat(fields.get("status.podIP").apply(p)).isEqualTo("10.244.1.5");
    assertThat(fields.get("spec.hostNetwork").apply(p)).isEqualTo("false");
    assertThat(fields.get("status.nominatedNodeName").apply(p)).isEmpty();
    assertThat(fields).containsKeys("spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName");
  }
}
