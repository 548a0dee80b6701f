package io.tidewater.apiserver.builtin.services;

import static io.tidewater.apiserver.builtin.StrategyHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.apiserver.builtin.StrategyHarness;
import io.tidewater.apiserver.errors.ApiException;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServiceStrategyTest {
  private final MutableAddressesInUse inUse = new MutableAddressesInUse();
  private final ServiceAddressAllocator allocator =
      new ServiceAddressAllocator(Ipv4Range.DEFAULT_SERVICE_RANGE, 30000, 32767, inUse, Clock.systemUTC(), new SplittableRandom(42));
  private final ServiceStrategy strategy = new ServiceStrategy(allocator);
  private final StrategyHarness harness = new StrategyHarness(strategy);

  static ObjectNode service(String spec) {
    return json("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":" + spec + "}");
  }

  @Test
  void defaultsMatchKubernetes() {
    ObjectNode in = service("{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80},{\"name\":\"https\",\"port\":443,\"targetPort\":\"https\"}]}");
    ObjectNode expected =
        service(
            """
            {"selector":{"app":"web"},"type":"ClusterIP","sessionAffinity":"None","internalTrafficPolicy":"Cluster",
             "ports":[{"port":80,"protocol":"TCP","targetPort":80},{"name":"https","port":443,"targetPort":"https","protocol":"TCP"}]}
            """);
    assertThat(harness.defaulted(in)).isEqualTo(expected);
    ObjectNode affinity = service("{\"ports\":[{\"port\":80}],\"type\":\"LoadBalancer\",\"sessionAffinity\":\"ClientIP\"}");
    ObjectNode lb = harness.defaulted(affinity);
    assertThat(lb.at("/spec/sessionAffinityConfig")).isEqualTo(json("{\"clientIP\":{\"timeoutSeconds\":10800}}"));
    assertThat(lb.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(lb.at("/spec/allocateLoadBalancerNodePorts").asBoolean()).isTrue();
  }

  @Test
  void createAllocatesAClusterIpAndSingleStackFamilies() {
    ObjectNode stored = harness.create(service("{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80}]}")).stored();
    String ip = stored.at("/spec/clusterIP").asText();
    assertThat(allocator.range().containsUsable(ip)).isTrue();
    assertThat(stored.at("/spec/clusterIPs")).isEqualTo(json("{\"a\":[\"" + ip + "\"]}").get("a"));
    assertThat(stored.at("/spec/ipFamilies")).isEqualTo(json("{\"a\":[\"IPv4\"]}").get("a"));
    assertThat(stored.at("/spec/ipFamilyPolicy").asText()).isEqualTo("SingleStack");
    assertThat(stored.get("status")).isEqualTo(json("{\"loadBalancer\":{}}"));
    assertThat(stored.at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
  }

  @Test
  void nodePortServicesGetNodePortsAndKeepRequestedOnes() {
    ObjectNode stored =
        harness
            .create(service("{\"type\":\"NodePort\",\"ports\":[{\"name\":\"http\",\"port\":80,\"nodePort\":30080},{\"name\":\"https\",\"port\":443}]}"))
            .stored();
    assertThat(stored.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
    int allocated = stored.at("/spec/ports/1/nodePort").asInt();
    assertThat(allocated).isBetween(30000, 32767).isNotEqualTo(30080);
    assertThat(stored.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
  }

  @Test
  void addressesHeldByOtherServicesAreRefusedWithKubernetesMessages() {
    inUse.ips.add("10.96.0.10");
    ApiException taken = catchThrowableOfType(
        ApiException.class, () -> harness.create(service("{\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"port\":53,\"protocol\":\"UDP\"}]}")));
    assertThat(taken.code()).isEqualTo(422);
    assertThat(taken.getMessage())
        .isEqualTo("Service \"web\" is invalid: spec.clusterIPs: Invalid value: [\"10.96.0.10\"]: failed to allocate IP 10.96.0.10: provided IP is already allocated");
    ApiException outOfRange =
        catchThrowableOfType(ApiException.class, () -> harness.create(service("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}")));
    assertThat(outOfRange.getMessage())
        .isEqualTo(
            "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid"
                + " ports is 30000-32767");
  }

  @Test
  void headlessServicesGetNoAddress() {
    ObjectNode stored = harness.create(service("{\"clusterIP\":\"None\",\"selector\":{\"app\":\"db\"}}")).stored();
    assertThat(stored.at("/spec/clusterIPs")).isEqualTo(json("{\"a\":[\"None\"]}").get("a"));
    assertThat(harness.cell(stored, "Cluster-IP")).isEqualTo("None");
    assertThat(harness.cell(stored, "Port(s)")).isEqualTo("<none>");
  }

  @Test
  void updatesKeepAllocatedAddressesThatTheClientLeftOut() {
    ObjectNode stored =
        harness.create(service("{\"type\":\"NodePort\",\"ports\":[{\"name\":\"http\",\"port\":80},{\"name\":\"metrics\",\"port\":9090}]}")).stored();
    ObjectNode replaced = service("{\"type\":\"NodePort\",\"ports\":[{\"name\":\"metrics\",\"port\":9091},{\"name\":\"http\",\"port\":80}]}");
    ObjectNode updated = harness.update(replaced, stored).stored();
    assertThat(updated.at("/spec/clusterIP")).isEqualTo(stored.at("/spec/clusterIP"));
    assertThat(updated.at("/spec/clusterIPs")).isEqualTo(stored.at("/spec/clusterIPs"));
    assertThat(updated.at("/spec/ports/0/nodePort")).isEqualTo(stored.at("/spec/ports/1/nodePort"));
    assertThat(updated.at("/spec/ports/1/nodePort")).isEqualTo(stored.at("/spec/ports/0/nodePort"));
  }

  @Test
  void theClusterIpMayNotChange() {
    ObjectNode stored = harness.create(service("{\"ports\":[{\"port\":80}]}")).stored();
    ObjectNode moved = stored.deepCopy();
    moved.withObject("/spec").put("clusterIP", "10.96.0.99").putArray("clusterIPs").add("10.96.0.99");
    assertThat(harness.update(moved, stored).messages()).containsExactly("spec.clusterIPs[0]: Invalid value: [\"10.96.0.99\"]: may not change once set");
  }

  @Test
  void changingTypeAllocatesOrDropsWhatTheTypeNeeds() {
    ObjectNode clusterIp = harness.create(service("{\"ports\":[{\"port\":80}]}")).stored();
    ObjectNode toNodePort = clusterIp.deepCopy();
    toNodePort.withObject("/spec").put("type", "NodePort");
    ObjectNode nodePort = harness.update(toNodePort, clusterIp).stored();
    assertThat(nodePort.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);
    assertThat(nodePort.at("/spec/clusterIP")).isEqualTo(clusterIp.at("/spec/clusterIP"));

    ObjectNode back = nodePort.deepCopy();
    back.withObject("/spec").put("type", "ClusterIP");
    ObjectNode clusterIpAgain = harness.update(back, nodePort).stored();
    assertThat(clusterIpAgain.at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
    assertThat(clusterIpAgain.at("/spec/externalTrafficPolicy").isMissingNode()).isTrue();

    ObjectNode toExternal = clusterIpAgain.deepCopy();
    toExternal.withObject("/spec").put("type", "ExternalName").put("externalName", "db.example.com");
    ObjectNode external = harness.update(toExternal, clusterIpAgain).stored();
    assertThat(external.at("/spec")).isEqualTo(json("{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\",\"sessionAffinity\":\"None\","
        + "\"ports\":[{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}]}"));
    assertThat(harness.cells(external).subList(0, 4)).containsExactly("ExternalName", "<none>", "db.example.com", "80/TCP");
  }

  @Test
  void validationOfPortsTypesAndNames() {
    assertThat(harness.errors(service("{}"))).containsExactly("spec.ports: Required value");
    assertThat(harness.errors(service("{\"type\":\"Cluster\",\"ports\":[{\"port\":80},{\"port\":0,\"protocol\":\"ICMP\"}]}")))
        .containsExactly(
            "spec.ports[0].name: Required value",
            "spec.ports[1].name: Required value",
            "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.type: Unsupported value: \"Cluster\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    assertThat(harness.errors(service("{\"type\":\"ExternalName\"}"))).containsExactly("spec.externalName: Required value");
    assertThat(strategy.validateName("web")).isEmpty();
    assertThat(strategy.validateName("1web"))
        .containsExactly(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with"
                + " an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void printsServicesAsKubectl() {
    assertThat(harness.columnNames()).containsExactly("Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*");
    ObjectNode np =
        json(
            """
            {"metadata":{"name":"web"},"spec":{"type":"NodePort","clusterIP":"10.96.12.7","clusterIPs":["10.96.12.7"],
             "selector":{"tier":"front","app":"web"},
             "ports":[{"name":"http","port":80,"nodePort":30080,"protocol":"TCP"},{"name":"dns","port":53,"protocol":"UDP","nodePort":30053}]}}
            """);
    assertThat(harness.cells(np)).containsExactly("NodePort", "10.96.12.7", "<none>", "80:30080/TCP,53:30053/UDP", "<unknown>", "app=web,tier=front");
    ObjectNode lb = np.deepCopy();
    lb.withObject("/spec").put("type", "LoadBalancer");
    assertThat(harness.cell(lb, "External-IP")).isEqualTo("<pending>");
    lb.set("status", json("{\"loadBalancer\":{\"ingress\":[{\"ip\":\"203.0.113.10\"},{\"hostname\":\"lb.example.com\"}]}}"));
    lb.withObject("/spec").putArray("externalIPs").add("198.51.100.1");
    assertThat(harness.cell(lb, "External-IP")).isEqualTo("203.0.113.10,lb.example.com,198.51.100.1");
    ObjectNode noSelector = np.deepCopy();
    noSelector.withObject("/spec").remove("selector");
    assertThat(harness.cell(noSelector, "Selector")).isEqualTo("<none>");
  }
}
