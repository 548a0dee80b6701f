package io.tidewater.server;

import io.tidewater.apiserver.ApiProfiles;
import io.tidewater.apiserver.ApiServer;
import io.tidewater.apiserver.tls.TlsMaterial;
import io.tidewater.store.Compactor;
import io.tidewater.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Tidewater process: the store, the federation API server, and (in later parts) the
 * fleet and controllers. The only place that wires the parts together.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  /** How to run. {@code port} 0 picks a free port. */
  public record Options(Path dataDir, StoreSpec store, String host, int port, boolean plainHttp, List<String> extraSans) {
    public static Options defaults(Path dataDir) {
      return new Options(dataDir, StoreSpec.parse("embedded"), "127.0.0.1", 6443, false, List.of());
    }

    public Options withPort(int p) {
      return new Options(dataDir, store, host, p, plainHttp, extraSans);
    }

    public Options withStore(StoreSpec s) {
      return new Options(dataDir, s, host, port, plainHttp, extraSans);
    }
  }

  private final Options options;
  private final Store store;
  private final Compactor compactor;
  private final ApiServer api;
  private final String token;
  private final TlsMaterial tls;
  private final Path kubeconfig;

  private ControlPlane(Options options, Store store, Compactor compactor, ApiServer api, String token, TlsMaterial tls, Path kubeconfig) {
    this.options = options;
    this.store = store;
    this.compactor = compactor;
    this.api = api;
    this.token = token;
    this.tls = tls;
    this.kubeconfig = kubeconfig;
  }

  public static ControlPlane start(Options options) throws Exception {
    String token = AdminToken.loadOrCreate(options.dataDir());
    List<String> sans = new ArrayList<>(options.extraSans());
    if (!options.host().equals("0.0.0.0") && !options.host().isEmpty()) {
      sans.add(options.host());
    }
    TlsMaterial tls = options.plainHttp() ? null : TlsMaterial.loadOrCreate(options.dataDir().resolve("pki"), sans);
    Store store = options.store().open(options.dataDir());
    Compactor compactor = null;
    ApiServer api = null;
    try {
      // As kube-apiserver does every five minutes, keep a bounded history.
      compactor = Compactor.retainingInterval(store, Duration.ofMinutes(5));
      api = ApiProfiles.federation(store)
          .name("federation")
          .host(options.host())
          .port(options.port())
          .tls(tls)
          .tokens(Map.of(token, "admin"))
          .tidewaterVersion(TidewaterVersion.version())
          .start();
      Path kubeconfig = options.dataDir().resolve("kubeconfig");
      new Kubeconfig().add(new Kubeconfig.Entry("tidewater", api.url().toString(), tls == null ? null : tls.caPem(), token)).write(kubeconfig);
      log.info("control plane started url={} store={} dataDir={}", api.url(), options.store(), options.dataDir());
      return new ControlPlane(options, store, compactor, api, token, tls, kubeconfig);
    } catch (Exception | Error e) {
      if (api != null) {
        api.close();
      }
      if (compactor != null) {
        compactor.close();
      }
      store.close();
      throw e;
    }
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
    api.close();
    compactor.close();
    store.close();
  }
}
