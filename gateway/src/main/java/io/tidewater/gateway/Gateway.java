package io.tidewater.gateway;

import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.discovery.DiscoveryDocuments;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.gateway.proxy.ClusterProxyRoute;
import io.tidewater.gateway.proxy.PodLogs;
import io.tidewater.gateway.storage.GatewayResourceTypes;
import io.tidewater.gateway.storage.MergedResourceStorage;
import io.tidewater.gateway.view.FleetFeeds;
import io.tidewater.gateway.view.GatewayRevisions;
import io.tidewater.gateway.view.MergedCache;
import io.tidewater.gateway.view.MergedKind;
import io.tidewater.member.Members;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cluster Gateway: every member's pods, nodes, events and replicasets as one merged
 * list/watch with the gateway's own resourceVersions, deletes and logs forwarded to the owning
 * member, and the per-cluster proxy. {@link #install} plugs it into an API server being built;
 * the server's router then sends these resources here instead of to the store.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final Map<MergedKind, MergedResourceStorage> storages;
  private final FleetFeeds feeds;

  private Gateway(Members members, GatewayOptions options, Set<MergedKind> kinds) {
    GatewayRevisions revisions = new GatewayRevisions(options.clock());
    Map<MergedKind, MergedCache> caches = new EnumMap<>(MergedKind.class);
    for (MergedKind kind : kinds) {
      caches.put(kind, new MergedCache(GatewayResourceTypes.of(kind), revisions, options.watchHistory()));
    }
    this.feeds = new FleetFeeds(caches, members);
    Map<MergedKind, MergedResourceStorage> s = new EnumMap<>(MergedKind.class);
    for (MergedKind kind : kinds) {
      Map<String, MergedResourceStorage.MemberSubresource> subresources =
          kind == MergedKind.PODS ? Map.of("log", new PodLogs(options.memberRequestTimeout())) : Map.of();
      s.put(kind, new MergedResourceStorage(kind, caches.get(kind), members, feeds, options, subresources));
    }
    this.storages = s;
  }

  /**
   * Registers the merged kinds' storages (and their types, where the registry lacks them), the
   * {@code pods/log} discovery entry and the per-cluster proxy route with {@code builder}, and
   * starts following {@code members}. Close the returned gateway after the server.
   */
  public static Gateway install(ApiServer.Builder builder, Members members, GatewayOptions options) {
    return install(builder, members, options, EnumSet.allOf(MergedKind.class));
  }

  /**
   * As {@link #install(ApiServer.Builder, Members, GatewayOptions)}, merging only {@code kinds}.
   * The federation leaves events out: its own controllers write Events about templates and
   * bindings, and a merged resource is read-only apart from deletes.
   */
  public static Gateway install(ApiServer.Builder builder, Members members, GatewayOptions options, Set<MergedKind> kinds) {
    Gateway gateway = new Gateway(members, options, kinds.isEmpty() ? EnumSet.noneOf(MergedKind.class) : EnumSet.copyOf(kinds));
    ResourceRegistry registry = builder.registry();
    for (MergedResourceStorage storage : gateway.storages.values()) {
      ResourceType type = storage.type();
      if (registry.find(type.group(), type.version(), type.resource()).isEmpty()) {
        registry.register(type);
      }
      builder.storage(type.gvr(), storage);
    }
    if (kinds.contains(MergedKind.PODS)) {
      builder.subresource(new DiscoveryDocuments.ExtraSubresource("", "v1", "pods", "log", "Pod", "", "v1", List.of("get")));
    }
    builder.route(new ClusterProxyRoute(members, options.memberRequestTimeout()));
    gateway.feeds.start();
    log.info("cluster gateway installed kinds={}", gateway.storages.keySet());
    return gateway;
  }

  public static Gateway install(ApiServer.Builder builder, Members members) {
    return install(builder, members, GatewayOptions.defaults());
  }

  public MergedResourceStorage storage(MergedKind kind) {
    return storages.get(kind);
  }

  /** Whether the named member's objects of every merged kind are in the view, complete. */
  public boolean hasSynced(String cluster) {
    return feeds.hasSynced(cluster);
  }

  /** Whether the named member is being followed (not NotReady, removed or replaced). */
  public boolean isAttached(String cluster) {
    return feeds.isAttached(cluster);
  }

  /** Stops following members. The members themselves belong to their registry. */
  @Override
  public void close() {
    feeds.close();
  }
}
