package io.tidewater.controllers.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.cluster.Cluster;
import io.tidewater.api.cluster.SimulatedCluster;
import io.tidewater.api.controller.ControllerRunner;
import io.tidewater.api.controller.Reconciler;
import io.tidewater.api.controller.WorkQueue;
import io.tidewater.api.json.Json;
import io.tidewater.api.kinds.TidewaterJson;
import io.tidewater.api.meta.GroupVersionKind;
import io.tidewater.api.meta.ObjectMetas;
import io.tidewater.api.meta.TidewaterLabels;
import io.tidewater.api.work.Work;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.controllers.runtime.ObjectInformer;
import io.tidewater.controllers.runtime.Templates;
import io.tidewater.member.ConnectorOptions;
import io.tidewater.member.MemberConnection;
import io.tidewater.member.MemberConnector;
import io.tidewater.member.Members;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every {@code Cluster} connected and described: a member connector per Cluster (from its
 * kubeconfig Secret, or from the simulator for {@code spec.simulated}), its execution namespace,
 * and its status — the Ready condition from probes of the member's {@code /readyz}, the last
 * heartbeat, node and resource summaries, GPUs and node pools from the connector's snapshot.
 */
public final class ClusterController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterController.class);
  public static final String MANAGER = "tidewater-cluster-controller";
  public static final String FINALIZER = "tidewater.io/cluster";
  public static final GroupVersionKind CLUSTER = new GroupVersionKind("cluster.tidewater.io", "v1alpha1", "Cluster");

  private final FederationClient client;
  private final Members members;
  private final MemberProvisioner provisioner;
  private final ConnectorOptions connectorOptions;
  private final Duration statusPeriod;
  private final Clock clock;
  private final ControllerRunner<String> runner;
  /** What each connector was built from, to rebuild it when the connection changes. */
  private final Map<String, String> connectionFingerprints = new ConcurrentHashMap<>();
  private final Map<String, String> connectionProblems = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastStatusWrite = new ConcurrentHashMap<>();
  private final Map<String, AutoCloseable> healthListeners = new ConcurrentHashMap<>();
  private ObjectInformer clusters;
  private ObjectInformer secrets;

  public ClusterController(
      FederationClient client, Members members, MemberProvisioner provisioner, ConnectorOptions connectorOptions, Duration statusPeriod, Clock clock) {
    this.client = client;
    this.members = members;
    this.provisioner = provisioner;
    this.connectorOptions = connectorOptions;
    this.statusPeriod = statusPeriod;
    this.clock = clock;
    this.runner = new ControllerRunner<>("cluster-controller", new WorkQueue<>(), this::reconcile);
  }

  public ClusterController start() {
    clusters = client.inform(CLUSTER).onChange(c -> runner.queue().add(c.key().name()));
    secrets = client.inform(Templates.SECRET).onChange(c -> {
      if (clusters != null && clusters.hasSynced()) {
        for (ObjectNode cl : clusters.list()) {
          JsonNode ref = cl.path("spec").path("secretRef");
          if (c.key().namespace().equals(ref.path("namespace").asText()) && c.key().name().equals(ref.path("name").asText())) {
            runner.queue().add(ObjectMetas.name(cl));
          }
        }
      }
    });
    runner.start(2);
    return this;
  }

  Reconciler.Result reconcile(String name) throws Exception {
    if (!clusters.hasSynced() || !secrets.hasSynced()) {
      return Reconciler.Result.after(Duration.ofMillis(200));
    }
    ObjectNode cluster = clusters.get("", name);
    if (cluster == null) {
      disconnect(name);
      return Reconciler.Result.DONE;
    }
    if (ObjectMetas.isDeleting(cluster)) {
      disconnect(name);
      client.delete(Templates.NAMESPACE, "", Work.executionNamespace(name));
      if (ObjectMetas.finalizers(cluster).contains(FINALIZER)) {
        client.apply(header(name), MANAGER); // our manager owns the finalizer: applying without it drops it
      }
      log.info("cluster removed cluster={}", name);
      return Reconciler.Result.DONE;
    }
    if (!ObjectMetas.finalizers(cluster).contains(FINALIZER)) {
      ObjectNode f = header(name);
      ObjectMetas.metadata(f).putArray("finalizers").add(FINALIZER);
      client.apply(f, MANAGER);
    }
    connect(name, cluster);
    ensureExecutionNamespace(name);
    writeStatus(name, cluster);
    return Reconciler.Result.after(statusPeriod);
  }

  private void connect(String name, ObjectNode cluster) {
    String fingerprint;
    try {
      fingerprint = fingerprint(cluster);
    } catch (RuntimeException e) {
      connectionProblems.put(name, e.getMessage());
      return;
    }
    if (fingerprint.equals(connectionFingerprints.get(name)) && members.get(name).isPresent()) {
      return;
    }
    try {
      MemberConnection connection = resolve(name, cluster);
      MemberConnector connector = MemberConnector.connect(name, connection, connectorOptions);
      connector.snapshots();
      members.put(connector);
      AutoCloseable old = healthListeners.put(name, connector.health().addListener((c, before, after) -> runner.queue().add(name)));
      closeQuietly(old);
      connectionFingerprints.put(name, fingerprint);
      connectionProblems.remove(name);
      log.info("cluster connected cluster={} server={}", name, connection.server());
    } catch (RuntimeException e) {
      connectionProblems.put(name, e.getMessage() == null ? e.toString() : e.getMessage());
      log.warn("cluster connection failed cluster={} error={}", name, e.toString());
    }
  }

  /** Identifies the connection a Cluster asks for: its connection spec, and the Secret's version. */
  private String fingerprint(ObjectNode cluster) {
    JsonNode spec = cluster.path("spec");
    if (spec.has("simulated")) {
      return "simulated:" + spec.get("simulated");
    }
    JsonNode ref = spec.path("secretRef");
    ObjectNode secret = secrets.get(ref.path("namespace").asText(), ref.path("name").asText());
    return "secret:" + ref + "@" + (secret == null ? "missing" : ObjectMetas.resourceVersion(secret));
  }

  private MemberConnection resolve(String name, ObjectNode cluster) {
    JsonNode spec = cluster.path("spec");
    if (spec.has("simulated")) {
      return provisioner.provision(name, TidewaterJson.decode(spec.get("simulated"), SimulatedCluster.class));
    }
    JsonNode ref = spec.path("secretRef");
    ObjectNode secret = secrets.get(ref.path("namespace").asText(), ref.path("name").asText());
    if (secret == null) {
      throw new IllegalStateException("the kubeconfig Secret " + ref.path("namespace").asText() + "/" + ref.path("name").asText() + " does not exist");
    }
    String key = ref.path("key").asText("kubeconfig");
    JsonNode data = secret.path("data").path(key);
    if (!data.isTextual()) {
      throw new IllegalStateException("the kubeconfig Secret has no key \"" + key + "\"");
    }
    return MemberConnection.fromKubeconfig(new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8));
  }

  private void disconnect(String name) {
    closeQuietly(healthListeners.remove(name));
    if (members.remove(name)) {
      log.info("cluster disconnected cluster={}", name);
    }
    connectionFingerprints.remove(name);
    connectionProblems.remove(name);
    lastStatusWrite.remove(name);
    try {
      provisioner.deprovision(name);
    } catch (RuntimeException e) {
      log.warn("deprovision failed cluster={} error={}", name, e.toString());
    }
  }

  private void ensureExecutionNamespace(String cluster) {
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ns.putObject("metadata").put("name", Work.executionNamespace(cluster)).putObject("labels")
        .put(TidewaterLabels.MANAGED_BY, TidewaterLabels.MANAGED_BY_VALUE).put(TidewaterLabels.CLUSTER, cluster);
    if (client.get(Templates.NAMESPACE, "", Work.executionNamespace(cluster)) == null) {
      client.apply(ns, MANAGER);
    }
  }

  private void writeStatus(String name, ObjectNode cluster) {
    var connector = members.get(name);
    ObjectNode status = ClusterStatusBuilder.status(
        cluster, connector.map(MemberConnector::currentHealth).orElse(null),
        connector.map(c -> c.snapshots().hasSynced() ? c.snapshot() : null).orElse(null), connectionProblems.get(name), clock.instant());
    JsonNode current = cluster.path("status");
    boolean changed = !withoutHeartbeat(current).equals(withoutHeartbeat(status));
    Instant last = lastStatusWrite.get(name);
    boolean heartbeatDue = last == null || last.plus(statusPeriod.multipliedBy(3)).isBefore(clock.instant());
    if (!changed && !heartbeatDue) {
      return;
    }
    ObjectNode o = header(name);
    o.set("status", status);
    client.applyStatus(o, MANAGER);
    lastStatusWrite.put(name, clock.instant());
  }

  private static JsonNode withoutHeartbeat(JsonNode status) {
    ObjectNode copy = status.isObject() ? ((ObjectNode) status).deepCopy() : Json.object();
    copy.remove("lastHeartbeatTime");
    return copy;
  }

  private static ObjectNode header(String name) {
    ObjectNode o = Json.object();
    o.put("apiVersion", Cluster.API_VERSION);
    o.put("kind", Cluster.KIND);
    o.putObject("metadata").put("name", name);
    return o;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // nothing to do
      }
    }
  }

  @Override
  public void close() {
    runner.close();
    healthListeners.values().forEach(ClusterController::closeQuietly);
  }
}
