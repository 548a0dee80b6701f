package io.tidewater.store.etcd;

import io.tidewater.store.Store;
import io.tidewater.store.StoreContractTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on a real etcd: one process for the class, a fresh namespace per test. */
class EtcdStoreContractTest extends StoreContractTest {
  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcd() {
    etcd = EtcdProcess.start();
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  protected Store openStore() {
    return EtcdStore.connect(EtcdStoreOptions.of(etcd.endpoint()).withNamespace("/test-" + UUID.randomUUID() + "/"));
  }
}
