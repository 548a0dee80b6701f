package io.tidewater.apiserver.rest;

import io.tidewater.apiserver.testing.SharedEtcd;
import io.tidewater.apiserver.testing.TestApiServer;

/** {@link ListSemanticsTest} on etcd. */
class EtcdListSemanticsTest extends ListSemanticsTest {
  @Override
  TestApiServer startServer() {
    return TestApiServer.start(SharedEtcd.newStore(), b -> {});
  }
}
