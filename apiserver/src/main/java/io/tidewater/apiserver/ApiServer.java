package io.tidewater.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewater.api.json.Json;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.apiserver.auth.TokenAuthenticator;
import io.tidewater.apiserver.discovery.DiscoveryDocuments;
import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.http.HttpServerFactory;
import io.tidewater.apiserver.http.RootHandler;
import io.tidewater.apiserver.http.Route;
import io.tidewater.apiserver.lifecycle.GarbageCollector;
import io.tidewater.apiserver.lifecycle.NamespaceController;
import io.tidewater.apiserver.lifecycle.NamespaceLifecycleAdmission;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.rest.ObjectPatcher;
import io.tidewater.apiserver.rest.ResourceHandler;
import io.tidewater.apiserver.storage.CacheFeeder;
import io.tidewater.apiserver.storage.ManagedFieldsUpdater;
import io.tidewater.apiserver.storage.RegistryStorage;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.apiserver.storage.WriteOptions;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.store.Store;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kubernetes API server: the registry's kinds over a store behind watch caches (or over
 * external storages such as the Cluster Gateway), served over HTTPS or plain HTTP, with the
 * namespace lifecycle and garbage collector running. Used both for the federation endpoint and,
 * in a single-cluster profile, for each simulated member cluster.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final Builder config;
  private final CacheFeeder feeder;
  private final Map<GroupVersionResource, ResourceStorage> storages;
  private final List<RegistryStorage> registryStorages;
  private final PrometheusMeterRegistry metrics;
  private final RootHandler root;
  /** The server's own listener; null when embedded in another server's handler tree. */
  private final Server http;
  private NamespaceController namespaceController;
  private GarbageCollector garbageCollector;
  private volatile boolean ready;

  private ApiServer(Builder b) {
    this.config = b;
    this.metrics = b.metrics != null ? b.metrics : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<ResourceType> storeBacked = new ArrayList<>();
    for (ResourceType t : b.registry.all()) {
      if (!b.externalStorages.containsKey(t.gvr())) {
        storeBacked.add(t);
      }
    }
    this.feeder = new CacheFeeder(b.store, storeBacked, b.watchHistory);
    Map<GroupVersionResource, ResourceStorage> all = new LinkedHashMap<>();
    List<RegistryStorage> own = new ArrayList<>();
    NamespaceLifecycleAdmission admission =
        new NamespaceLifecycleAdmission(() -> Objects.requireNonNull(all.get(new GroupVersionResource("", "v1", "namespaces")), "namespaces are not served"));
    for (ResourceType t : b.registry.all()) {
      ResourceStorage external = b.externalStorages.get(t.gvr());
      if (external != null) {
        all.put(t.gvr(), external);
      } else {
        RegistryStorage rs = new RegistryStorage(t, b.store, feeder, admission, b.managedFields, b.clock);
        own.add(rs);
        var decorator = b.decorators.get(t.gvr());
        all.put(t.gvr(), decorator == null ? rs : decorator.apply(rs));
      }
    }
    this.storages = all;
    this.registryStorages = own;
    ResourceHandler resources = new ResourceHandler(b.registry, all, b.patcher, b.watchBookmarkPeriod);
    DiscoveryDocuments discovery = new DiscoveryDocuments(b.registry, b.extraSubresources);
    List<Route> routes = new ArrayList<>(b.routes);
    routes.add(new io.tidewater.apiserver.admin.CompactionRoute(b.store, feeder));
    this.root = new RootHandler(
        new TokenAuthenticator(b.tokens), resources, discovery, routes, b.version.toJson(b.tidewaterVersion), () -> ready, metrics,
        b.maxInFlight);
    this.http = b.embedded ? null : HttpServerFactory.create(b.host, b.port, b.tls, root, b.name);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Loads caches, starts controllers, then serves. Blocks until the server accepts connections. */
  private ApiServer start() throws Exception {
    feeder.start();
    for (var hook : config.startHooks) {
      hook.accept(this);
    }
    ensureSystemNamespaces();
    if (config.controllers) {
      ResourceStorage ns = storages.get(new GroupVersionResource("", "v1", "namespaces"));
      if (ns instanceof RegistryStorage nsStorage) {
        List<ResourceStorage> namespaced = new ArrayList<>();
        for (RegistryStorage s : registryStorages) {
          if (s.type().namespaced()) {
            namespaced.add(s);
          }
        }
        namespaceController =
            new NamespaceController(nsStorage, namespaced, storages.get(new GroupVersionResource("", "v1", "serviceaccounts"))).start();
      }
      garbageCollector = new GarbageCollector(registryStorages).start();
    }
    if (http != null) {
      http.start();
    }
    ready = true;
    if (http != null) {
      log.info("api server serving name={} url={}", config.name, url());
    } else {
      log.info("api server ready name={} embedded=true", config.name);
    }
    return this;
  }

  private void ensureSystemNamespaces() {
    ResourceStorage ns = storages.get(new GroupVersionResource("", "v1", "namespaces"));
    if (ns == null || !config.systemNamespaces) {
      return;
    }
    for (String name : SYSTEM_NAMESPACES) {
      ObjectNode obj = Json.object();
      obj.put("apiVersion", "v1");
      obj.put("kind", "Namespace");
      obj.putObject("metadata").put("name", name);
      try {
        ns.create(null, obj, WriteOptions.of("tidewater"));
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  public int port() {
    if (http == null) {
      throw new IllegalStateException("an embedded api server has no port of its own");
    }
    return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
  }

  /**
   * The root of request handling, for a host that embeds this server under a path of its own
   * listener (see {@link Builder#embedded()}). Requests must arrive with the host's prefix removed.
   */
  public Handler handler() {
    return root;
  }

  public URI url() {
    if (http == null) {
      throw new IllegalStateException("an embedded api server is reached through its host's url");
    }
    String host = config.host.equals("0.0.0.0") || config.host.isEmpty() ? "127.0.0.1" : config.host;
    return URI.create((config.tls != null ? "https://" : "http://") + host + ":" + port());
  }

  public TlsMaterial tls() {
    return config.tls;
  }

  public ResourceStorage storage(GroupVersionResource gvr) {
    return storages.get(gvr);
  }

  public Map<GroupVersionResource, ResourceStorage> storages() {
    return storages;
  }

  public CacheFeeder feeder() {
    return feeder;
  }

  public Store store() {
    return config.store;
  }

  public ResourceRegistry registry() {
    return config.registry;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    ready = false;
    if (http != null) {
      try {
        http.stop();
      } catch (Exception e) {
        log.warn("http server stop failed: {}", e.toString());
      }
    }
    if (garbageCollector != null) {
      garbageCollector.close();
    }
    if (namespaceController != null) {
      namespaceController.close();
    }
    feeder.close();
  }

  /** Configuration of an {@link ApiServer}. */
  public static final class Builder {
    private String name = "apiserver";
    private Store store;
    private ResourceRegistry registry;
    private ObjectPatcher patcher;
    private ManagedFieldsUpdater managedFields = ManagedFieldsUpdater.NONE;
    private String host = "127.0.0.1";
    private int port;
    private TlsMaterial tls;
    private Map<String, String> tokens = Map.of();
    private KubernetesVersion version = KubernetesVersion.DEFAULT;
    private String tidewaterVersion = "dev";
    private int maxInFlight = 400;
    private int watchHistory = 10_000;
    private java.time.Duration watchBookmarkPeriod = java.time.Duration.ofSeconds(10);
    private boolean controllers = true;
    private boolean systemNamespaces = true;
    private boolean embedded;
    private Clock clock = Clock.systemUTC();
    private PrometheusMeterRegistry metrics;
    private final Map<GroupVersionResource, ResourceStorage> externalStorages = new LinkedHashMap<>();
    private final Map<GroupVersionResource, java.util.function.Function<RegistryStorage, ResourceStorage>> decorators = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<DiscoveryDocuments.ExtraSubresource> extraSubresources = new ArrayList<>();
    private final List<java.util.function.Consumer<ApiServer>> startHooks = new ArrayList<>();

    public Builder name(String v) { name = v; return this; }
    public Builder store(Store v) { store = v; return this; }
    public Builder registry(ResourceRegistry v) { registry = v; return this; }
    public Builder patcher(ObjectPatcher v) { patcher = v; return this; }
    public Builder managedFields(ManagedFieldsUpdater v) { managedFields = v; return this; }
    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    /** Serve HTTPS with this identity; without it the server speaks plain HTTP (and h2c). */
    public Builder tls(TlsMaterial v) { tls = v; return this; }
    /** Bearer token to user name. */
    public Builder tokens(Map<String, String> v) { tokens = v; return this; }
    public Builder version(KubernetesVersion v) { version = v; return this; }
    public Builder tidewaterVersion(String v) { tidewaterVersion = v; return this; }
    public Builder maxInFlight(int v) { maxInFlight = v; return this; }
    public Builder watchHistory(int v) { watchHistory = v; return this; }
    /** How long a quiet watch that allows bookmarks waits for its next BOOKMARK (Kubernetes: about a minute). */
    public Builder watchBookmarkPeriod(java.time.Duration v) { watchBookmarkPeriod = v; return this; }
    /** Whether to run the namespace controller and garbage collector. */
    public Builder controllers(boolean v) { controllers = v; return this; }
    public Builder systemNamespaces(boolean v) { systemNamespaces = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }
    public Builder metrics(PrometheusMeterRegistry v) { metrics = v; return this; }
    /** Serve a resource from this storage instead of the store (the router's other branch). */
    public Builder storage(GroupVersionResource gvr, ResourceStorage s) { externalStorages.put(gvr, s); return this; }
    /**
     * Serve a store-backed resource through a wrapper of its registry storage (for example one that
     * adds subresources such as pods/log). The namespace controller and garbage collector keep
     * working on the registry storage itself.
     */
    public Builder decorate(GroupVersionResource gvr, java.util.function.Function<RegistryStorage, ResourceStorage> decorator) {
      decorators.put(gvr, decorator);
      return this;
    }
    /**
     * Build without a listener of its own: another server hosts {@link ApiServer#handler()} (a fleet
     * of simulated member clusters on one port, each under its own path).
     */
    public Builder embedded() { embedded = true; return this; }
    public Builder route(Route r) { routes.add(r); return this; }
    public Builder subresource(DiscoveryDocuments.ExtraSubresource s) { extraSubresources.add(s); return this; }
    /** Runs once the caches are loaded, before the server accepts requests. */
    public Builder onCachesSynced(java.util.function.Consumer<ApiServer> hook) { startHooks.add(hook); return this; }
    public ResourceRegistry registry() { return registry; }

    public ApiServer start() throws Exception {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(patcher, "patcher");
      return new ApiServer(this).start();
    }
  }
}
