package io.tidewater.apiserver.testing;

import io.tidewater.store.etcd.EtcdProcess;
import io.tidewater.store.etcd.EtcdStore;
import io.tidewater.store.etcd.EtcdStoreOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One etcd per test JVM for the API semantics tests that also run on etcd; each store gets its own
 * key namespace, so servers never see each other's objects (revisions and compaction are shared,
 * as on a real etcd).
 */
public final class SharedEtcd {
  private static final AtomicInteger STORES = new AtomicInteger();
  private static EtcdProcess process;

  private SharedEtcd() {}

  public static synchronized EtcdStore newStore() {
    if (process == null) {
      process = EtcdProcess.start();
      EtcdProcess started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "etcd-test-shutdown"));
    }
    return EtcdStore.connect(EtcdStoreOptions.of(process.endpoint()).withNamespace("/semantics-" + STORES.incrementAndGet()));
  }
}
