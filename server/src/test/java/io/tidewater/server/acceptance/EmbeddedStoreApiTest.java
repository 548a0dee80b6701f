package io.tidewater.server.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The API behaviour and informer contracts on the embedded (SQLite) store, sharing one control plane. */
class EmbeddedStoreApiTest {
  private static RunningControlPlane server;

  @BeforeAll
  static void start() {
    server = RunningControlPlane.start("embedded");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
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
