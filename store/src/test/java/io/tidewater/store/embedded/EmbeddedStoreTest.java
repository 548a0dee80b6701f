package io.tidewater.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tidewater.store.CompactedException;
import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RangeResult;
import io.tidewater.store.RecordingWatchListener;
import io.tidewater.store.StoreException;
import io.tidewater.store.Watch;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WriteResult;
import io.tidewater.store.watch.BufferedWatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded store promises beyond the common contract: recovery, bounds, slow watchers. */
class EmbeddedStoreTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void anEmptyStoreIsAtRevisionOneOnDiskAndInMemory() {
    try (EmbeddedStore memory = EmbeddedStore.inMemory();
        EmbeddedStore disk = EmbeddedStore.open(dir.resolve("store"))) {
      assertThat(memory.currentRevision()).isEqualTo(1);
      assertThat(disk.currentRevision()).isEqualTo(1);
      assertThat(memory.compactRevision()).isZero();
      assertThat(written(disk.create("/a", bytes("x"))).modRevision()).isEqualTo(2);
    }
  }

  @Test
  void reopeningRestoresStateHistoryAndCompaction() {
    Path data = dir.resolve("store");
    EmbeddedStoreOptions options = EmbeddedStoreOptions.onDisk(data).withHistoryCapacity(4);
    Map<Long, List<KeyValue>> stateAt = new TreeMap<>();
    RecordingWatchListener live = new RecordingWatchListener();
    long compactedTo;
    long current;
    try (EmbeddedStore store = EmbeddedStore.open(options)) {
      store.watch("/r/", 0, live);
      Random random = new Random(7);
      for (int i = 0; i < 40; i++) {
        String key = "/r/" + random.nextInt(6);
        KeyValue kv = store.get(key).orElse(null);
        if (kv == null) {
          written(store.create(key, bytes("c" + i)));
        } else if (random.nextInt(3) == 0) {
          written(store.delete(key, kv.modRevision()));
        } else {
          written(store.update(key, bytes("u" + i), kv.modRevision()));
        }
        stateAt.put(store.currentRevision(), store.range(RangeRequest.all("/r/")).kvs());
      }
      current = store.currentRevision();
      compactedTo = current - 20;
      store.compact(compactedTo);
      await().atMost(TIMEOUT).until(() -> live.reached(current));
    }

    for (int capacity : new int[] {4, 1_000}) {
      try (EmbeddedStore store = EmbeddedStore.open(options.withHistoryCapacity(capacity))) {
        assertThat(store.currentRevision()).isEqualTo(current);
        assertThat(store.compactRevision()).isEqualTo(compactedTo);
        for (Map.Entry<Long, List<KeyValue>> e : stateAt.entrySet()) {
          RangeRequest at = new RangeRequest("/r/", null, 0, e.getKey());
          if (e.getKey() < compactedTo) {
            assertThatThrownBy(() -> store.range(at)).isInstanceOf(CompactedException.class);
          } else {
            assertThat(store.range(at).kvs()).as("state at %d", e.getKey()).containsExactlyElementsOf(e.getValue());
          }
        }
        RecordingWatchListener replay = new RecordingWatchListener();
        try (Watch w = store.watch("/r/", compactedTo, replay)) {
          await().atMost(TIMEOUT).until(() -> replay.reached(current));
        }
        assertThat(replay.events())
            .containsExactlyElementsOf(live.events().stream().filter(e -> e.revision() >= compactedTo).toList());
      }
    }
    try (EmbeddedStore store = EmbeddedStore.open(options)) {
      assertThat(written(store.create("/r/after", bytes("x"))).modRevision()).isEqualTo(current + 1);
    }
  }

  @Test
  void inMemoryHistoryIsBoundedAndCompactsItself() {
    try (EmbeddedStore store = EmbeddedStore.open(EmbeddedStoreOptions.inMemory().withHistoryCapacity(4))) {
      for (int i = 0; i < 10; i++) {
        written(store.create("/m/" + i, bytes("v" + i)));
      }
      // Revisions 2..11 were written; the last four events (8..11) are all that is kept.
      assertThat(store.currentRevision()).isEqualTo(11);
      assertThat(store.compactRevision()).isEqualTo(8);
      assertThatThrownBy(() -> store.get("/m/0", 7)).isInstanceOf(CompactedException.class);
      assertThatThrownBy(() -> store.watch("/m/", 7, new RecordingWatchListener())).isInstanceOf(CompactedException.class);
      assertThat(store.range(new RangeRequest("/m/", null, 0, 8)).kvs()).hasSize(7);
      assertThat(store.range(RangeRequest.all("/m/")).kvs()).hasSize(10);

      RecordingWatchListener listener = new RecordingWatchListener();
      try (Watch w = store.watch("/m/", 8, listener)) {
        await().atMost(TIMEOUT).until(() -> listener.reached(11));
        assertThat(listener.revisions()).containsExactly(8L, 9L, 10L, 11L);
      }
    }
  }

  @Test
  void aSlowWatchOverflowsWithoutBlockingWritersOrOtherWatches() throws Exception {
    EmbeddedStoreOptions options = EmbeddedStoreOptions.inMemory().withWatchBufferSize(5);
    try (EmbeddedStore store = EmbeddedStore.open(options)) {
      CountDownLatch release = new CountDownLatch(1);
      RecordingWatchListener slow =
          new RecordingWatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
              super.onEvent(event);
              try {
                release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
      RecordingWatchListener fast = new RecordingWatchListener();
      long start = store.currentRevision() + 1;
      store.watch("/slow/", 0, slow);
      store.watch("/slow/", 0, fast);

      // Writers finish although the slow listener is stuck (get() would time out otherwise), and
      // the other watch keeps up with them. (Paced, because its buffer is tiny too.)
      try (ExecutorService writer = Executors.newSingleThreadExecutor()) {
        Future<?> writes =
            writer.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    long revision = written(store.create("/slow/" + i, bytes("x"))).modRevision();
                    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(TIMEOUT)
                        .until(() -> fast.reached(revision));
                  }
                });
        writes.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      long last = store.currentRevision();
      assertThat(fast.revisions()).containsExactlyElementsOf(LongStream.rangeClosed(start, last).boxed().toList());
      assertThat(fast.error()).isNull();

      release.countDown();
      await().atMost(TIMEOUT).until(() -> slow.error() != null);
      assertThat(slow.error()).isNotInstanceOf(CompactedException.class).hasMessageContaining("fell behind");
      // What it got before the error is a gap-free beginning, so re-watching after it loses nothing.
      List<Long> got = slow.revisions();
      assertThat(got).isNotEmpty().containsExactlyElementsOf(LongStream.range(start, start + got.size()).boxed().toList());
      RecordingWatchListener resumed = new RecordingWatchListener();
      try (Watch w = store.watch("/slow/", got.getLast() + 1, resumed)) {
        await().atMost(TIMEOUT).until(() -> resumed.reached(last));
      }
      List<Long> all = new ArrayList<>(got);
      all.addAll(resumed.revisions());
      assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(start, last).boxed().toList());
    }
  }

  @Test
  void idleWatchesReportProgress() {
    EmbeddedStoreOptions options = EmbeddedStoreOptions.inMemory().withWatchProgressInterval(Duration.ofMillis(20));
    try (EmbeddedStore store = EmbeddedStore.open(options)) {
      RecordingWatchListener listener = new RecordingWatchListener();
      try (Watch w = store.watch("/quiet/", 0, listener)) {
        long elsewhere = written(store.create("/busy/1", bytes("x"))).modRevision();
        await().atMost(TIMEOUT).until(() -> listener.progress().contains(elsewhere));
        assertThat(listener.events()).isEmpty();
        assertThat(listener.progress()).isSorted().doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void aDataDirectoryCannotBeOpenedTwice() {
    Path data = dir.resolve("store");
    try (EmbeddedStore first = EmbeddedStore.open(data)) {
      assertThatThrownBy(() -> EmbeddedStore.open(data)).isInstanceOf(StoreException.class).hasMessageContaining("in use");
    }
    try (EmbeddedStore again = EmbeddedStore.open(data)) {
      assertThat(again.currentRevision()).isEqualTo(1);
    }
  }

  @Test
  void fullSyncKeepsWritesToo() {
    EmbeddedStoreOptions options = EmbeddedStoreOptions.onDisk(dir.resolve("store")).withSync(EmbeddedStoreOptions.Sync.FULL);
    long revision;
    try (EmbeddedStore store = EmbeddedStore.open(options)) {
      revision = written(store.create("/full/k", bytes("v"))).modRevision();
    }
    try (EmbeddedStore store = EmbeddedStore.open(options)) {
      assertThat(store.get("/full/k").orElseThrow().modRevision()).isEqualTo(revision);
    }
  }

  @Test
  void closingTheStoreStopsEveryWatchThread() {
    try (EmbeddedStore store = EmbeddedStore.open(dir.resolve("store"))) {
      List<Watch> watches = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        watches.add(store.watch("/t/", 0, new RecordingWatchListener()));
      }
      store.close();
      for (Watch w : watches) {
        assertThat(((BufferedWatch) w).awaitStopped(Duration.ZERO)).isTrue();
      }
    }
  }

  /**
   * Readers never lock: they validate against eviction and compaction instead. Hammer that with
   * readers at old revisions while a writer updates, deletes and compacts, in memory and on disk
   * (where reads below the ring go to SQLite), and check every answer against the full history.
   */
  @Test
  void concurrentReadsAtOldRevisionsAreRightOrCompacted() throws Exception {
    checkReadsUnderChurn(EmbeddedStore.open(EmbeddedStoreOptions.inMemory().withHistoryCapacity(32)));
    checkReadsUnderChurn(EmbeddedStore.open(EmbeddedStoreOptions.onDisk(dir.resolve("churn")).withHistoryCapacity(32)));
  }

  private record Read(String key, long revision, KeyValue result) {}

  private record Scan(long revision, List<KeyValue> result) {}

  private static void checkReadsUnderChurn(EmbeddedStore store) throws Exception {
    int keys = 8;
    int writes = 3_000;
    // revision -> the write at that revision (value null for a deletion)
    Map<Long, KeyValue> history = new java.util.concurrent.ConcurrentSkipListMap<>();
    List<Read> reads = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Scan> scans = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] compactions = new long[1];
    // Readers report each attempt; the writer paces itself on them so the two really interleave
    // (on a busy 2-core machine the writer could otherwise finish before a reader ever ran).
    java.util.concurrent.atomic.AtomicLong attempts = new java.util.concurrent.atomic.AtomicLong();
    try (store;
        ExecutorService pool = Executors.newFixedThreadPool(3)) {
      Future<?> writer =
          pool.submit(
              () -> {
                Random random = new Random(1);
                long seen = 0;
                for (int i = 0; i < writes; i++) {
                  if (i % 20 == 0) {
                    seen = awaitProgress(attempts, seen + 2);
                  }
                  String key = "/churn/" + random.nextInt(keys);
                  KeyValue current = store.get(key).orElse(null);
                  if (current == null) {
                    history.put(written(store.create(key, bytes("v" + i))).modRevision(), keyValue(key, "v" + i));
                  } else if (random.nextInt(5) == 0) {
                    long r = written(store.delete(key, current.modRevision())).modRevision();
                    history.put(r, new KeyValue(key, null, 0, r, 0));
                  } else {
                    history.put(written(store.update(key, bytes("v" + i), current.modRevision())).modRevision(), keyValue(key, "v" + i));
                  }
                  if (i % 500 == 499) {
                    store.compact(store.currentRevision() - 100);
                    compactions[0]++;
                  }
                }
                return null;
              });
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int seed = t;
        readers.add(
            pool.submit(
                () -> {
                  Random random = new Random(100 + seed);
                  while (!writer.isDone()) {
                    long current = store.currentRevision();
                    long revision = Math.max(1, current - random.nextInt(150));
                    String key = "/churn/" + random.nextInt(keys);
                    try {
                      reads.add(new Read(key, revision, store.get(key, revision).orElse(null)));
                      RangeResult range = store.range(new RangeRequest("/churn/", null, 0, random.nextBoolean() ? 0 : revision));
                      scans.add(new Scan(range.revision(), range.kvs()));
                    } catch (CompactedException expected) {
                      // fine: the only acceptable failure for an old read
                    }
                    attempts.incrementAndGet();
                  }
                  return null;
                }));
      }
      writer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      for (Future<?> r : readers) {
        r.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    assertThat(compactions[0]).isPositive();
    assertThat(reads).hasSizeGreaterThan(100);
    for (Read read : reads) {
      KeyValue expected = stateOf(history, read.key(), read.revision());
      assertThat(read.result()).as("%s at %d", read.key(), read.revision()).isEqualTo(expected);
    }
    for (Scan scan : scans) {
      List<KeyValue> expected = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        KeyValue kv = stateOf(history, "/churn/" + k, scan.revision());
        if (kv != null) {
          expected.add(kv);
        }
      }
      expected.sort(java.util.Comparator.comparing(KeyValue::key));
      assertThat(scan.result()).as("range at %d", scan.revision()).containsExactlyElementsOf(expected);
    }
  }

  /** Waits (bounded) until the readers have made at least {@code target} attempts; returns the count. */
  private static long awaitProgress(java.util.concurrent.atomic.AtomicLong attempts, long target) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (attempts.get() < target && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
    return attempts.get();
  }

  /** The live version of key at revision, rebuilt from the writer's record of every write. */
  private static KeyValue stateOf(Map<Long, KeyValue> history, String key, long revision) {
    KeyValue state = null;
    long created = 0;
    long version = 0;
    for (Map.Entry<Long, KeyValue> e : history.entrySet()) {
      if (e.getKey() > revision) {
        break;
      }
      KeyValue w = e.getValue();
      if (!w.key().equals(key)) {
        continue;
      }
      if (w.value() == null) {
        state = null;
        version = 0;
      } else {
        if (state == null) {
          created = e.getKey();
        }
        version++;
        state = new KeyValue(key, w.value(), created, e.getKey(), version);
      }
    }
    return state;
  }

  private static KeyValue keyValue(String key, String value) {
    return new KeyValue(key, bytes(value), 0, 0, 0);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyValue written(WriteResult result) {
    assertThat(result).isInstanceOf(WriteResult.Written.class);
    return ((WriteResult.Written) result).kv();
  }
}
