package io.tidewater.apiserver.rest;

import io.tidewater.apiserver.testing.SharedEtcd;
import io.tidewater.apiserver.testing.TestApiServer;

/** {@link WatchSemanticsTest} on etcd. */
class EtcdWatchSemanticsTest extends WatchSemanticsTest {
  @Override
  TestApiServer startServer() {
    return TestApiServer.start(SharedEtcd.newStore(), b -> {});
  }
}
