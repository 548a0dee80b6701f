package io.tidewater.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.store.CompactedException;
import io.tidewater.store.KeyValue;
import io.tidewater.store.RecordingWatchListener;
import io.tidewater.store.Watch;
import io.tidewater.store.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What only etcd can show: a dying server, other clients, jetcd's threads. */
class EtcdStoreTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void aWatchLostWithTheServerEndsWithAnError() {
    try (EtcdProcess etcd = EtcdProcess.start();
        EtcdStore store = EtcdStore.connect(etcd.endpoint())) {
      RecordingWatchListener listener = new RecordingWatchListener();
      try (Watch w = store.watch("/lost/", 0, listener)) {
        KeyValue kv = written(store.create("/lost/1", bytes("x")));
        await().atMost(TIMEOUT).until(() -> listener.reached(kv.modRevision()));
        etcd.close();
        await().atMost(TIMEOUT).until(() -> listener.error() != null);
        assertThat(listener.error()).isNotInstanceOf(CompactedException.class).hasMessageContaining("lost");
        assertThat(listener.revisions()).containsExactly(kv.modRevision());
      }
    }
  }

  @Test
  void theCompactionRevisionIsFoundEvenWhenAnotherClientCompacted() {
    try (EtcdProcess etcd = EtcdProcess.start();
        EtcdStore compacting = EtcdStore.connect(etcd.endpoint());
        EtcdStore other = EtcdStore.connect(etcd.endpoint())) {
      assertThat(other.compactRevision()).isZero();
      for (int i = 0; i < 37; i++) {
        written(compacting.create("/c/" + i, bytes("x")));
      }
      long at = compacting.currentRevision() - 11;
      compacting.compact(at);
      assertThat(other.compactRevision()).isEqualTo(at);
      other.compact(at - 3); // already compacted beyond: nothing to do, no error
      assertThat(other.compactRevision()).isEqualTo(at);
    }
  }

  @Test
  void closingReleasesJetcdThreads() {
    Set<String> before = jetcdThreads();
    try (EtcdProcess etcd = EtcdProcess.start()) {
      EtcdStore store = EtcdStore.connect(etcd.endpoint());
      store.watch("/threads/", 0, new RecordingWatchListener());
      written(store.create("/threads/1", bytes("x")));
      assertThat(jetcdThreads()).isNotEmpty();
      store.close();
      await().atMost(TIMEOUT).until(() -> before.containsAll(jetcdThreads()));
    }
  }

  private static Set<String> jetcdThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("jetcd") || n.startsWith("vert.x") || n.startsWith("grpc"))
        .collect(Collectors.toSet());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyValue written(WriteResult result) {
    assertThat(result).isInstanceOf(WriteResult.Written.class);
    return ((WriteResult.Written) result).kv();
  }
}
