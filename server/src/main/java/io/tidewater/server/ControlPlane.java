package io.tidewater.server;

import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.controllers.runtime.FederationClient;
import io.tidewater.gateway.Gateway;
import io.tidewater.gateway.GatewayOptions;
import io.tidewater.gateway.view.MergedKind;
import io.tidewater.member.Members;
import io.tidewater.server.fleet.DefaultFleet;
import io.tidewater.server.fleet.FederationControllers;
import io.tidewater.server.fleet.SimulatorProvisioner;
import io.tidewater.simulator.Fleet;
import io.tidewater.simulator.KubeconfigEntry;
import io.tidewater.store.Compactor;
import io.tidewater.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Tidewater process: the store, the federation API server with the Cluster Gateway,
 * the in-process fleet of simulated members, and the federation controllers. The only place that
 * wires the parts together.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  /**
   * How to run. {@code port} 0 picks a free port.
   *
   * @param federation run the gateway, the simulated fleet and the controllers; without it only
   *     the API server and store run (the API contract tests use that)
   * @param defaultFleet register the default simulated members when no Cluster exists
   * @param fleetPort the simulated members' port: -1 for the API port + 1 (0 when that is 0)
   * @param controllers the controllers' tuning
   */
  public record Options(
      Path dataDir, StoreSpec store, String host, int port, boolean plainHttp, List<String> extraSans, boolean federation, boolean defaultFleet,
      int fleetPort, FederationControllers.Options controllers) {
    /** Only the store and the API server. */
    public Options(Path dataDir, StoreSpec store, String host, int port, boolean plainHttp, List<String> extraSans) {
      this(dataDir, store, host, port, plainHttp, extraSans, false, false, -1, FederationControllers.Options.defaults());
    }

    public Options(Path dataDir, StoreSpec store, String host, int port, boolean plainHttp, List<String> extraSans, boolean federation,
        boolean defaultFleet, int fleetPort) {
      this(dataDir, store, host, port, plainHttp, extraSans, federation, defaultFleet, fleetPort, FederationControllers.Options.defaults());
    }

    public static Options defaults(Path dataDir) {
      return new Options(dataDir, StoreSpec.parse("embedded"), "127.0.0.1", 6443, false, List.of(), true, true, -1,
          FederationControllers.Options.defaults());
    }

    public Options withPort(int p) {
      return new Options(dataDir, store, host, p, plainHttp, extraSans, federation, defaultFleet, fleetPort, controllers);
    }

    public Options withStore(StoreSpec s) {
      return new Options(dataDir, s, host, port, plainHttp, extraSans, federation, defaultFleet, fleetPort, controllers);
    }

    public Options withFederation(boolean on, boolean withDefaultFleet) {
      return new Options(dataDir, store, host, port, plainHttp, extraSans, on, withDefaultFleet, fleetPort, controllers);
    }

    public Options withControllers(FederationControllers.Options c) {
      return new Options(dataDir, store, host, port, plainHttp, extraSans, federation, defaultFleet, fleetPort, c);
    }

    int resolvedFleetPort() {
      return fleetPort >= 0 ? fleetPort : port == 0 ? 0 : port + 1;
    }
  }

  private final Options options;
  private final Store store;
  private final String token;
  private final TlsMaterial tls;
  private final Path kubeconfig;
  /** Everything started, stopped in reverse order. */
  private final Deque<AutoCloseable> parts;
  private final ApiServer api;
  private final Fleet fleet;
  private final Members members;

  private ControlPlane(Options options, Store store, String token, TlsMaterial tls, Path kubeconfig, Deque<AutoCloseable> parts, ApiServer api,
      Fleet fleet, Members members) {
    this.options = options;
    this.store = store;
    this.token = token;
    this.tls = tls;
    this.kubeconfig = kubeconfig;
    this.parts = parts;
    this.api = api;
    this.fleet = fleet;
    this.members = members;
  }

  public static ControlPlane start(Options options) throws Exception {
    String token = AdminToken.loadOrCreate(options.dataDir());
    List<String> sans = new ArrayList<>(options.extraSans());
    if (!options.host().equals("0.0.0.0") && !options.host().isEmpty()) {
      sans.add(options.host());
    }
    TlsMaterial tls = options.plainHttp() ? null : TlsMaterial.loadOrCreate(options.dataDir().resolve("pki"), sans);
    Store store = options.store().open(options.dataDir());
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    parts.push(store);
    try {
      // As kube-apiserver does every five minutes, keep a bounded history.
      parts.push(Compactor.retainingInterval(store, Duration.ofMinutes(5)));
      Members members = null;
      ApiServer.Builder builder = ApiProfiles.federation(store)
          .name("federation")
          .host(options.host())
          .port(options.port())
          .tls(tls)
          .tokens(Map.of(token, "admin"))
          .tidewaterVersion(TidewaterVersion.version());
      if (options.federation()) {
        members = new Members();
        parts.push(members);
        // Federation Events stay in the store: the controllers write them about templates and bindings.
        parts.push(Gateway.install(builder, members, GatewayOptions.defaults(), EnumSet.of(MergedKind.PODS, MergedKind.NODES, MergedKind.REPLICASETS)));
      }
      ApiServer api = builder.start();
      parts.push(api);
      Path kubeconfig = options.dataDir().resolve("kubeconfig");
      Kubeconfig.Entry federation = new Kubeconfig.Entry("tidewater", api.url().toString(), tls == null ? null : tls.caPem(), token);
      new Kubeconfig().add(federation).write(kubeconfig);
      Fleet fleet = null;
      if (options.federation()) {
        fleet = Fleet.start(new Fleet.Options(options.host(), options.resolvedFleetPort(), tls, token));
        parts.push(fleet);
        FederationClient client = FederationClient.connect(api.url().toString(), token, tls == null ? null : tls.caPem());
        parts.push(client);
        SimulatorProvisioner provisioner = new SimulatorProvisioner(fleet, f -> writeKubeconfig(kubeconfig, federation, f));
        parts.push(FederationControllers.start(client, members, provisioner, options.controllers(), Clock.systemUTC()));
        if (options.defaultFleet()) {
          DefaultFleet.ensure(client);
        }
      }
      log.info("control plane started url={} store={} dataDir={} federation={} fleet={}", api.url(), options.store(), options.dataDir(),
          options.federation(), fleet == null ? "-" : fleet.url());
      return new ControlPlane(options, store, token, tls, kubeconfig, parts, api, fleet, members);
    } catch (Exception | Error e) {
      closeAll(parts);
      throw e;
    }
  }

  /** The federation's context first (the current one), then one context per simulated member. */
  private static synchronized void writeKubeconfig(Path path, Kubeconfig.Entry federation, Fleet fleet) {
    Kubeconfig k = new Kubeconfig().add(federation);
    for (KubeconfigEntry e : fleet.kubeconfigEntries()) {
      k.add(new Kubeconfig.Entry(e.name(), e.server(), e.caPem(), e.token()));
    }
    k.write(path);
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      AutoCloseable next = parts.pop();
      try {
        next.close();
      } catch (Exception e) {
        log.warn("part did not stop cleanly part={} error={}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** The simulated members' fleet, when the federation runs. */
  public Optional<Fleet> fleet() {
    return Optional.ofNullable(fleet);
  }

  /** The member connectors, when the federation runs. */
  public Optional<Members> members() {
    return Optional.ofNullable(members);
  }

  public ApiServer api() {
    return api;
  }

  public Store store() {
    return store;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public String adminToken() {
    return token;
  }

  public TlsMaterial tls() {
    return tls;
  }

  public Options options() {
    return options;
  }

  @Override
  public void close() {
    log.info("control plane stopping");
    closeAll(parts);
  }
}
