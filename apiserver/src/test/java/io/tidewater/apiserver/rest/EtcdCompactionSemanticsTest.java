package io.tidewater.apiserver.rest;

import io.tidewater.apiserver.testing.SharedEtcd;
import io.tidewater.apiserver.testing.TestApiServer;

/** {@link CompactionSemanticsTest} on etcd. */
class EtcdCompactionSemanticsTest extends CompactionSemanticsTest {
  @Override
  TestApiServer startServer() {
    return TestApiServer.start(SharedEtcd.newStore(), b -> b.watchHistory(20));
  }
}
