package io.tidewater.member.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.storage.DeleteOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.member.MemberConnection;
import io.tidewater.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A member cluster for tests: Tidewater's API server in the single-cluster profile over an
 * in-memory store, reached like any member through a kubeconfig. It can be stopped and started
 * again on the same port with the same store, as a member that goes away and comes back.
 */
public final class TestMemberCluster implements AutoCloseable {
  public static final GroupVersionResource PODS = new GroupVersionResource("", "v1", "pods");
  public static final GroupVersionResource NODES = new GroupVersionResource("", "v1", "nodes");
  public static final GroupVersionResource EVENTS = new GroupVersionResource("", "v1", "events");
  public static final GroupVersionResource REPLICASETS = new GroupVersionResource("apps", "v1", "replicasets");

  private final String name;
  private final String token;
  private final EmbeddedStore store;
  private final TlsMaterial tls;
  private int port;
  private volatile ApiServer api;
  private volatile io.tidewater.apiserver.storage.CacheInformer kubelet;

  private TestMemberCluster(String name, TlsMaterial tls) {
    this.name = name;
    this.token = "token-" + name;
    this.store = EmbeddedStore.inMemory();
    this.tls = tls;
  }

  /** A member over plain HTTP. */
  public static TestMemberCluster start(String name) throws Exception {
    TestMemberCluster m = new TestMemberCluster(name, null);
    m.startServer();
    return m;
  }

  /** A member over HTTPS with a CA kept in {@code pkiDir}. */
  public static TestMemberCluster startTls(String name, Path pkiDir) throws Exception {
    TestMemberCluster m = new TestMemberCluster(name, TlsMaterial.loadOrCreate(pkiDir, List.of()));
    m.startServer();
    return m;
  }

  private void startServer() throws Exception {
    FakePodLogRoute logs = new FakePodLogRoute(name);
    api = ApiProfiles.memberCluster(store)
        .name("member-" + name)
        .port(port)
        .tls(tls)
        .tokens(Map.of(token, "admin"))
        .route(logs)
        .start();
    logs.bind(api.storage(PODS));
    port = api.port();
    kubelet = finishGracefulDeletions(api);
  }

  /**
   * The one thing a kubelet must do for these tests: finish graceful pod deletions (a bound pod
   * is only marked by a delete, as in Kubernetes, and waits for its node to stop it).
   */
  private static io.tidewater.apiserver.storage.CacheInformer finishGracefulDeletions(ApiServer api) {
    var pods = (io.tidewater.apiserver.storage.RegistryStorage) api.storage(PODS);
    return new io.tidewater.apiserver.storage.CacheInformer("test-kubelet", pods.cache(), io.tidewater.apiserver.storage.ObjectFilter.all(), item -> {
      if (item.type() != io.tidewater.apiserver.storage.EventType.DELETED && io.tidewater.api.meta.ObjectMetas.isDeleting(item.object().object())) {
        try {
          pods.delete(item.object().namespace(), item.object().name(), new DeleteOptions(false, null, 0L, null, null));
        } catch (io.tidewater.apiserver.errors.ApiException e) {
          // already gone
        }
      }
    }).start();
  }

  public String name() {
    return name;
  }

  public String server() {
    return (tls != null ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public String token() {
    return token;
  }

  public String caPem() {
    return tls == null ? null : tls.caPem();
  }

  public MemberConnection connection() {
    return MemberConnection.of(server(), caPem(), token);
  }

  /** A kubeconfig for this member, as a Cluster's secret or {@code cluster join} would hold it. */
  public String kubeconfig() {
    StringBuilder sb = new StringBuilder();
    sb.append("apiVersion: v1\nkind: Config\nclusters:\n- name: ").append(name).append("\n  cluster:\n    server: ").append(server()).append('\n');
    if (tls != null) {
      sb.append("    certificate-authority-data: ")
          .append(java.util.Base64.getEncoder().encodeToString(tls.caPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
          .append('\n');
    }
    sb.append("users:\n- name: ").append(name).append("\n  user:\n    token: ").append(token).append('\n');
    sb.append("contexts:\n- name: ").append(name).append("\n  context:\n    cluster: ").append(name).append("\n    user: ").append(name).append('\n');
    sb.append("current-context: ").append(name).append('\n');
    return sb.toString();
  }

  public ApiServer api() {
    ApiServer a = api;
    if (a == null) {
      throw new IllegalStateException("member " + name + " is stopped");
    }
    return a;
  }

  public ResourceStorage storage(GroupVersionResource gvr) {
    return api().storage(gvr);
  }

  public ObjectNode create(GroupVersionResource gvr, ObjectNode obj) {
    String ns = obj.path("metadata").path("namespace").asText(null);
    return storage(gvr).create(ns, obj, WriteOptions.of("test"));
  }

  /**
   * Deletes at once (grace period 0): a test member has no kubelet to finish a graceful pod
   * deletion, as {@code kubectl delete --grace-period=0 --force} against a real cluster.
   */
  public void delete(GroupVersionResource gvr, String namespace, String objectName) {
    storage(gvr).delete(namespace, objectName, new DeleteOptions(false, null, 0L, null, null));
  }

  /** Changes an object with {@code change} applied to its current state. */
  public ObjectNode update(GroupVersionResource gvr, String namespace, String objectName, java.util.function.UnaryOperator<ObjectNode> change) {
    return storage(gvr).update(namespace, objectName, cur -> change.apply(cur), WriteOptions.of("test")).object();
  }

  /** Changes an object's status (pods' phase, nodes' conditions). */
  public ObjectNode updateStatus(
      GroupVersionResource gvr, String namespace, String objectName, java.util.function.UnaryOperator<ObjectNode> change) {
    return storage(gvr).update(namespace, objectName, cur -> change.apply(cur), WriteOptions.of("test").forSubresource("status")).object();
  }

  public boolean isRunning() {
    return api != null;
  }

  /** Stops serving (the member becomes unreachable); its store, and so its state, remain. */
  public void stop() {
    ApiServer a = api;
    api = null;
    var k = kubelet;
    kubelet = null;
    if (k != null) {
      k.close();
    }
    if (a != null) {
      a.close();
    }
  }

  /** Serves again on the same port with the same state. */
  public void restart() throws Exception {
    if (api == null) {
      startServer();
    }
  }

  @Override
  public void close() {
    stop();
    store.close();
  }
}
