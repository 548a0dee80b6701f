package io.tidewater.member;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.tidewater.api.snapshot.ClusterSnapshot;
import io.tidewater.member.health.HealthProber;
import io.tidewater.member.health.MemberHealth;
import io.tidewater.member.http.MemberHttp;
import io.tidewater.member.informer.MemberInformer;
import io.tidewater.member.informer.MemberInformers;
import io.tidewater.member.informer.MemberResource;
import io.tidewater.member.snapshot.ClusterSnapshotTracker;
import io.tidewater.member.write.DeleteRequest;
import io.tidewater.member.write.ManifestWriter;
import io.tidewater.member.write.ObjectReference;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidewater's one way into a member cluster, real or simulated, over the Kubernetes API with
 * fabric8: informers started on demand, the capacity snapshot, server-side apply, health probes
 * and raw HTTP for the gateway's proxy. Owns its client, threads and informers; {@link #close}
 * stops them all.
 */
public final class MemberConnector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MemberConnector.class);
  /** Cluster names are DNS labels: the gateway's merged names put them before a dot. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final String cluster;
  private final String server;
  private final ConnectorOptions options;
  private final ExecutorService executor;
  private final KubernetesClient client;
  private final HttpClient rawHttp;
  private final MemberInformers informers;
  private final HealthProber health;
  private final MemberHttp http;
  private final ManifestWriter writer;
  private ClusterSnapshotTracker snapshots;
  private volatile boolean closed;

  private MemberConnector(String cluster, Config config, ConnectorOptions options) {
    this.cluster = cluster;
    this.options = options;
    this.server = config.getMasterUrl();
    this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("member-" + cluster + "-client-", 0).factory());
    this.client = new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withTaskExecutor(executor)
        .build();
    // Probes, the proxy and log streams must reach the member at most once per request: fabric8
    // would otherwise retry on I/O errors and 5xx answers.
    this.rawHttp = client.getHttpClient().newBuilder()
        .tag(new RequestConfigBuilder(config.getRequestConfig()).withRequestRetryBackoffLimit(0).build())
        .build();
    this.informers = new MemberInformers(cluster, client);
    this.http = new MemberHttp(server, rawHttp);
    this.health = new HealthProber(cluster, server, rawHttp, options.health(), options.clock());
    this.writer = new ManifestWriter(cluster, client);
  }

  /**
   * Connects to a member and starts probing its health. Informers start when first asked for.
   *
   * @param cluster the member's name, a DNS label
   */
  public static MemberConnector connect(String cluster, MemberConnection connection, ConnectorOptions options) {
    if (cluster == null || !DNS_LABEL.matcher(cluster).matches()) {
      throw new IllegalArgumentException("cluster name must be a DNS label (lower case letters, digits and '-', at most 63): " + cluster);
    }
    Config config = new ConfigBuilder(connection.config())
        .withRequestTimeout((int) options.requestTimeout().toMillis())
        .withWatchReconnectInterval((int) options.watchReconnectInterval().toMillis())
        .withWatchReconnectLimit(-1)
        // Plain HTTP watches work against every API server; fabric8's default first tries a
        // WebSocket upgrade, which a server without WebSocket support may leave hanging.
        .withOnlyHttpWatches(true)
        // One connection per request: over HTTP/2 every request to a member shares one connection,
        // and a large response abandoned mid-way (a list that timed out) can exhaust its flow-control
        // window and stall every later request, health probes included.
        .withHttp2Disable(true)
        .build();
    MemberConnector c = new MemberConnector(cluster, config, options);
    c.health.start();
    log.info("member connector started cluster={} server={}", cluster, c.server);
    return c;
  }

  public String cluster() {
    return cluster;
  }

  public String server() {
    return server;
  }

  public ConnectorOptions options() {
    return options;
  }

  /** The fabric8 client, for callers that need the full Kubernetes API of the member. */
  public KubernetesClient client() {
    return client;
  }

  /** The informer for {@code resource}, started on first use. */
  public <T extends HasMetadata> MemberInformer<T> informer(MemberResource<T> resource) {
    return informers.informer(resource);
  }

  /** The snapshot tracker, started (with the node and pod informers) on first use. */
  public synchronized ClusterSnapshotTracker snapshots() {
    if (closed) {
      throw new IllegalStateException("connector closed: " + cluster);
    }
    if (snapshots == null) {
      snapshots = new ClusterSnapshotTracker(
          cluster, informer(MemberResource.NODES), informer(MemberResource.PODS), options.snapshot(), options.clock()).start();
    }
    return snapshots;
  }

  /** The member's capacity now; check {@link ClusterSnapshot#synced()} before acting on it. */
  public ClusterSnapshot snapshot() {
    return snapshots().snapshot();
  }

  public HealthProber health() {
    return health;
  }

  public MemberHealth currentHealth() {
    return health.current();
  }

  /** Raw HTTP with this connector's credentials, for the per-cluster proxy and log streams. */
  public MemberHttp http() {
    return http;
  }

  public ManifestWriter writer() {
    return writer;
  }

  /** Server-side apply as field manager {@code tidewater}; see {@link ManifestWriter#apply}. */
  public ObjectNode apply(ObjectNode manifest, boolean force) {
    return writer.apply(manifest, force);
  }

  public Optional<ObjectNode> get(ObjectReference ref) {
    return writer.get(ref);
  }

  /** See {@link ManifestWriter#delete}. */
  public boolean delete(ObjectReference ref, DeleteRequest request) {
    return writer.delete(ref, request);
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    ClusterSnapshotTracker tracker;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      tracker = snapshots;
    }
    health.close();
    if (tracker != null) {
      tracker.close();
    }
    informers.close();
    rawHttp.close();
    client.close();
    executor.shutdownNow();
    log.info("member connector closed cluster={}", cluster);
  }

  @Override
  public String toString() {
    return "MemberConnector[" + cluster + " " + server + "]";
  }
}
