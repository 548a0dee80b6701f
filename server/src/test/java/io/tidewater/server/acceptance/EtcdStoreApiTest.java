package io.tidewater.server.acceptance;

import io.tidewater.store.etcd.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The API behaviour and informer contracts on a real etcd (Debian's, on a free loopback port),
 * sharing one control plane. Skipped without etcd, except on CI where that fails.
 */
class EtcdStoreApiTest {
  private static EtcdProcess etcd;
  private static RunningControlPlane server;

  @BeforeAll
  static void start() {
    etcd = EtcdProcess.start();
    server = RunningControlPlane.start("etcd://" + etcd.endpointUri().getAuthority());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Nested
  class Api extends FederationApiContract {
    @Override
    protected RunningControlPlane server() {
      return server;
    }
  }

  @Nested
  class Informers extends InformerContract {
    @Override
    protected RunningControlPlane server() {
      return server;
    }
  }
}
