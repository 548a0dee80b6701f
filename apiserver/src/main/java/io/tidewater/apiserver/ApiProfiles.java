package io.tidewater.apiserver;

import io.tidewater.api.kinds.KindDescriptor;
import io.tidewater.api.kinds.TidewaterKinds;
import io.tidewater.api.kinds.TidewaterSchemas;
import io.tidewater.api.meta.GroupVersionResource;
import io.tidewater.api.schema.SchemaCatalog;
import io.tidewater.apiserver.builtin.BuiltinKinds;
import io.tidewater.apiserver.builtin.services.ServiceAddressAllocator;
import io.tidewater.apiserver.builtin.services.ServiceAddressesInUse;
import io.tidewater.apiserver.kinds.TidewaterKindStrategy;
import io.tidewater.apiserver.openapi.OpenApiV3Route;
import io.tidewater.apiserver.patch.SchemaPatcher;
import io.tidewater.apiserver.registry.ResourceRegistry;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.apiserver.storage.CachedObject;
import io.tidewater.apiserver.storage.ListOptions;
import io.tidewater.apiserver.storage.ResourceStorage;
import io.tidewater.store.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two shapes an {@link ApiServer} comes in: the federation endpoint (templates of the
 * built-in kinds plus Tidewater's own kinds) and a member cluster (the built-in kinds a cluster
 * serves, pods and nodes included). Both get the same patch engines, managedFields and OpenAPI.
 */
public final class ApiProfiles {
  private ApiProfiles() {}

  private static final SchemaCatalog CATALOG = SchemaCatalog.builtin().withDefinitions(TidewaterSchemas.definitions());

  /** Every schema the server knows: the built-in kinds and Tidewater's. */
  public static SchemaCatalog catalog() {
    return CATALOG;
  }

  public static ApiServer.Builder federation(Store store) {
    AddressesFromServices addresses = new AddressesFromServices();
    ResourceRegistry registry = new ResourceRegistry();
    BuiltinKinds.federation(new ServiceAddressAllocator(addresses)).forEach(registry::register);
    for (KindDescriptor<?> kind : TidewaterKinds.all()) {
      registry.register(TidewaterKindStrategy.resourceType(kind));
    }
    return common(store, registry, addresses);
  }

  public static ApiServer.Builder memberCluster(Store store) {
    AddressesFromServices addresses = new AddressesFromServices();
    ResourceRegistry registry = new ResourceRegistry();
    BuiltinKinds.memberCluster(new ServiceAddressAllocator(addresses)).forEach(registry::register);
    return common(store, registry, addresses);
  }

  private static ApiServer.Builder common(Store store, ResourceRegistry registry, AddressesFromServices addresses) {
    Set<String> builtinGroups = new HashSet<>();
    for (ResourceType t : registry.all()) {
      if (!(t.strategy() instanceof TidewaterKindStrategy)) {
        builtinGroups.add(t.group());
      }
    }
    SchemaPatcher patcher = new SchemaPatcher(CATALOG, builtinGroups);
    return ApiServer.builder()
        .store(store)
        .registry(registry)
        .patcher(patcher)
        .managedFields(patcher)
        .route(new OpenApiV3Route(registry, CATALOG, KubernetesVersion.DEFAULT.gitVersion()))
        .onCachesSynced(server -> addresses.bind(server.storage(new GroupVersionResource("", "v1", "services"))));
  }

  /** Addresses held by stored Services, read from the services cache. */
  private static final class AddressesFromServices implements ServiceAddressesInUse {
    private final AtomicReference<ResourceStorage> services = new AtomicReference<>();

    void bind(ResourceStorage storage) {
      services.set(storage);
    }

    private List<CachedObject> all() {
      ResourceStorage s = services.get();
      return s == null ? List.of() : s.list(null, ListOptions.everything().withResourceVersion0()).items();
    }

    @Override
    public Set<String> clusterIps() {
      Set<String> ips = new HashSet<>();
      for (CachedObject o : all()) {
        o.object().path("spec").path("clusterIPs").forEach(ip -> ips.add(ip.asText()));
        String ip = o.object().path("spec").path("clusterIP").asText("");
        if (!ip.isEmpty() && !ip.equals("None")) {
          ips.add(ip);
        }
      }
      ips.remove("None");
      return ips;
    }

    @Override
    public Set<Integer> nodePorts() {
      Set<Integer> ports = new HashSet<>();
      for (CachedObject o : all()) {
        o.object().path("spec").path("ports").forEach(p -> {
          if (p.hasNonNull("nodePort")) {
            ports.add(p.get("nodePort").asInt());
          }
        });
        if (o.object().path("spec").hasNonNull("healthCheckNodePort")) {
          ports.add(o.object().path("spec").get("healthCheckNodePort").asInt());
        }
      }
      return ports;
    }
  }
}
