package io.tidewater.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract (etcd's semantics), run against every implementation: subclass it and
 * implement {@link #openStore}. Tests never assume the absolute revision a store starts at, only
 * how revisions move, so a subclass may hand out stores sharing one server (say, one etcd with a
 * namespace per test), provided no one else writes to it during a test.
 */
public abstract class StoreContractTest {
  protected static final Duration TIMEOUT = Duration.ofSeconds(60);

  protected Store store;

  /** A new store with no keys, closed by the test. */
  protected abstract Store openStore();

  @BeforeEach
  void openTheStore() {
    store = openStore();
  }

  @AfterEach
  void closeTheStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- revisions ----

  @Test
  void everyWriteBumpsTheRevisionByOneAndFailedConditionsDoNot() {
    long r0 = store.currentRevision();

    KeyValue a = written(store.create("/rev/a", bytes("1")));
    assertThat(a.modRevision()).isEqualTo(r0 + 1);
    assertThat(store.currentRevision()).isEqualTo(r0 + 1);

    KeyValue a2 = written(store.update("/rev/a", bytes("2"), a.modRevision()));
    assertThat(a2.modRevision()).isEqualTo(r0 + 2);

    assertThat(store.create("/rev/a", bytes("x"))).isInstanceOf(WriteResult.Conflict.class);
    assertThat(store.update("/rev/a", bytes("x"), a.modRevision())).isInstanceOf(WriteResult.Conflict.class);
    assertThat(store.update("/rev/missing", bytes("x"), a.modRevision())).isInstanceOf(WriteResult.Conflict.class);
    assertThat(store.delete("/rev/a", a.modRevision())).isInstanceOf(WriteResult.Conflict.class);
    assertThat(store.delete("/rev/missing", 0)).isInstanceOf(WriteResult.Conflict.class);
    assertThat(store.currentRevision()).isEqualTo(r0 + 2);

    KeyValue deleted = written(store.delete("/rev/a", a2.modRevision()));
    assertThat(deleted.modRevision()).isEqualTo(r0 + 3);
    assertThat(store.currentRevision()).isEqualTo(r0 + 3);
  }

  @Test
  void revisionsBeyondTheCurrentOneAreRejected() {
    long current = store.currentRevision();
    assertThatThrownBy(() -> store.get("/future", current + 5)).isInstanceOf(FutureRevisionException.class);
    assertThatThrownBy(() -> store.range(new RangeRequest("/future", null, 0, current + 5)))
        .isInstanceOf(FutureRevisionException.class);
  }

  // ---- reads ----

  @Test
  void getReturnsTheLatestValueOrTheValueAtARevision() {
    KeyValue v1 = written(store.create("/get/k", bytes("v1")));
    KeyValue v2 = written(store.update("/get/k", bytes("v2"), v1.modRevision()));
    KeyValue v3 = written(store.update("/get/k", bytes("v3"), v2.modRevision()));

    assertThat(store.get("/get/k")).contains(new KeyValue("/get/k", bytes("v3"), v1.modRevision(), v3.modRevision(), 3));
    assertThat(store.get("/get/k", v1.modRevision())).contains(v1);
    assertThat(store.get("/get/k", v2.modRevision())).contains(v2);
    assertThat(store.get("/get/k", 0)).contains(v3);
    assertThat(store.get("/get/k", v1.modRevision() - 1)).isEmpty();
    assertThat(store.get("/get/absent")).isEmpty();

    KeyValue deleted = written(store.delete("/get/k", v3.modRevision()));
    assertThat(store.get("/get/k")).isEmpty();
    assertThat(store.get("/get/k", deleted.modRevision())).isEmpty();
    assertThat(store.get("/get/k", v3.modRevision())).contains(v3);
  }

  @Test
  void rangeReturnsAPrefixInKeyOrderPageByPage() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add("/range/" + i);
    }
    List<String> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(42));
    for (String key : shuffled) {
      written(store.create(key, bytes("value of " + key)));
    }
    // neighbours that share characters with the prefix but are outside it
    written(store.create("/range", bytes("x")));
    written(store.create("/range0", bytes("x")));
    written(store.create("/ranga/1", bytes("x")));
    written(store.create("/rangf/1", bytes("x")));

    RangeResult all = store.range(RangeRequest.all("/range/"));
    assertThat(all.kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys);
    assertThat(all.kvs()).allSatisfy(kv -> assertThat(kv.valueAsString()).isEqualTo("value of " + kv.key()));
    assertThat(all.more()).isFalse();
    assertThat(all.remaining()).isZero();
    assertThat(all.revision()).isEqualTo(store.currentRevision());

    RangeResult first = store.range(new RangeRequest("/range/", null, 3, 0));
    assertThat(first.kvs()).extracting(KeyValue::key).containsExactlyElementsOf(keys.subList(0, 3));
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).isEqualTo(7);

    List<String> paged = new ArrayList<>();
    RangeResult page = first;
    paged.addAll(page.kvs().stream().map(KeyValue::key).toList());
    while (page.more()) {
      String next = page.kvs().getLast().key() + "\0";
      page = store.range(new RangeRequest("/range/", next, 3, first.revision()));
      assertThat(page.revision()).isEqualTo(first.revision());
      paged.addAll(page.kvs().stream().map(KeyValue::key).toList());
    }
    assertThat(paged).containsExactlyElementsOf(keys);

    assertThat(store.range(new RangeRequest("/range/", "/range/7", 0, 0)).kvs())
        .extracting(KeyValue::key)
        .containsExactly("/range/7", "/range/8", "/range/9");
    // A start key before the prefix starts at the prefix.
    assertThat(store.range(new RangeRequest("/range/", "/a", 2, 0)).kvs())
        .extracting(KeyValue::key)
        .containsExactly("/range/0", "/range/1");
    assertThat(store.range(RangeRequest.all("/nothing-here/")).kvs()).isEmpty();
  }

  @Test
  void rangeAtAnOldRevisionIsTheStateThenDespiteLaterWrites() throws Exception {
    Map<String, KeyValue> before = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      KeyValue kv = written(store.create(String.format("/old/%02d", i), bytes("v" + i)));
      before.put(kv.key(), kv);
    }
    long then = store.currentRevision();
    List<KeyValue> expectedThen = before.values().stream().sorted(byKey()).toList();

    // Reads at `then` while a writer keeps changing the same keys see the state at `then`.
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<?> churn =
          pool.submit(
              () -> {
                for (int i = 0; i < 60; i++) {
                  String key = String.format("/old/%02d", i % 20);
                  KeyValue current = store.get(key).orElseThrow();
                  written(store.update(key, bytes("churn" + i), current.modRevision()));
                }
                return null;
              });
      while (!churn.isDone()) {
        assertThat(store.range(new RangeRequest("/old/", null, 0, then)).kvs()).containsExactlyElementsOf(expectedThen);
      }
      churn.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    for (int i = 0; i < 20; i++) {
      String key = String.format("/old/%02d", i);
      before.put(key, store.get(key).orElseThrow());
    }

    for (int i = 0; i < 20; i += 3) {
      String key = String.format("/old/%02d", i);
      written(store.update(key, bytes("changed"), before.get(key).modRevision()));
    }
    for (int i = 1; i < 20; i += 4) {
      String key = String.format("/old/%02d", i);
      KeyValue current = store.get(key).orElseThrow();
      written(store.delete(key, current.modRevision()));
    }
    written(store.create("/old/05a", bytes("new")));
    written(store.create("/old/99", bytes("new")));

    RangeResult old = store.range(new RangeRequest("/old/", null, 0, then));
    assertThat(old.revision()).isEqualTo(then);
    assertThat(old.kvs()).containsExactlyElementsOf(expectedThen);

    List<KeyValue> paged = new ArrayList<>();
    String next = null;
    RangeResult page;
    do {
      page = store.range(new RangeRequest("/old/", next, 6, then));
      paged.addAll(page.kvs());
      next = page.kvs().isEmpty() ? null : page.kvs().getLast().key() + "\0";
    } while (page.more());
    assertThat(paged).containsExactlyElementsOf(old.kvs());

    RangeResult now = store.range(RangeRequest.all("/old/"));
    assertThat(now.kvs()).hasSize(20 - 5 + 2);
    assertThat(now.kvs()).extracting(KeyValue::key).contains("/old/05a", "/old/99").doesNotContain("/old/01");
  }

  @Test
  void keysAreOrderedByTheirUtf8Bytes() {
    // By UTF-16 units U+1F600 (a surrogate pair) would sort before U+FFFD; by bytes, as etcd sorts, after.
    List<String> ordered = List.of("/utf/a~", "/utf/a\u00e4", "/utf/a\ufffd", "/utf/a\ud83d\ude00");
    for (String key : ordered.reversed()) {
      written(store.create(key, bytes(key)));
    }
    assertThat(store.range(RangeRequest.all("/utf/")).kvs()).extracting(KeyValue::key).containsExactlyElementsOf(ordered);
    assertThat(store.range(new RangeRequest("/utf/", "/utf/a\ufffd\0", 0, 0)).kvs())
        .extracting(KeyValue::key)
        .containsExactly("/utf/a\ud83d\ude00");
  }

  // ---- conditional writes ----

  @Test
  void createOnlyCreatesAndAConflictCarriesTheExistingValue() {
    KeyValue created = written(store.create("/create/k", bytes("first")));
    assertThat(created).isEqualTo(new KeyValue("/create/k", bytes("first"), created.modRevision(), created.modRevision(), 1));

    WriteResult again = store.create("/create/k", bytes("second"));
    assertThat(again).isEqualTo(new WriteResult.Conflict(Optional.of(created)));
    assertThat(store.get("/create/k")).contains(created);
  }

  @Test
  void updateSucceedsOnlyAtTheExpectedModRevision() {
    KeyValue v1 = written(store.create("/update/k", bytes("1")));
    KeyValue v2 = written(store.update("/update/k", bytes("2"), v1.modRevision()));
    assertThat(v2).isEqualTo(new KeyValue("/update/k", bytes("2"), v1.modRevision(), v2.modRevision(), 2));

    assertThat(store.update("/update/k", bytes("stale"), v1.modRevision()))
        .isEqualTo(new WriteResult.Conflict(Optional.of(v2)));
    assertThat(store.update("/update/k", bytes("zero"), 0)).isEqualTo(new WriteResult.Conflict(Optional.of(v2)));
    assertThat(store.update("/update/missing", bytes("x"), v2.modRevision()))
        .isEqualTo(new WriteResult.Conflict(Optional.empty()));
    assertThat(store.update("/update/missing", bytes("x"), 0)).isEqualTo(new WriteResult.Conflict(Optional.empty()));
    assertThat(store.get("/update/k")).contains(v2);
    assertThat(store.get("/update/missing")).isEmpty();
  }

  @Test
  void deleteIsConditionalUnlessTheExpectedRevisionIsZero() {
    KeyValue v1 = written(store.create("/delete/k", bytes("1")));
    KeyValue v2 = written(store.update("/delete/k", bytes("2"), v1.modRevision()));

    assertThat(store.delete("/delete/k", v1.modRevision())).isEqualTo(new WriteResult.Conflict(Optional.of(v2)));
    assertThat(store.delete("/delete/missing", 7)).isEqualTo(new WriteResult.Conflict(Optional.empty()));

    KeyValue deleted = written(store.delete("/delete/k", v2.modRevision()));
    assertThat(deleted).isEqualTo(new KeyValue("/delete/k", bytes("2"), v1.modRevision(), v2.modRevision() + 1, 2));
    assertThat(store.get("/delete/k")).isEmpty();
    assertThat(store.delete("/delete/k", 0)).isEqualTo(new WriteResult.Conflict(Optional.empty()));

    KeyValue other = written(store.create("/delete/other", bytes("o")));
    KeyValue gone = written(store.delete("/delete/other", 0));
    assertThat(gone.modRevision()).isEqualTo(other.modRevision() + 1);
    assertThat(gone.valueAsString()).isEqualTo("o");
  }

  @Test
  void aKeyCreatedAgainAfterDeletionStartsANewLife() {
    KeyValue v1 = written(store.create("/life/k", bytes("1")));
    KeyValue v2 = written(store.update("/life/k", bytes("2"), v1.modRevision()));
    written(store.delete("/life/k", v2.modRevision()));
    KeyValue reborn = written(store.create("/life/k", bytes("3")));

    assertThat(reborn.createRevision()).isEqualTo(reborn.modRevision()).isGreaterThan(v2.modRevision());
    assertThat(reborn.version()).isEqualTo(1);
    assertThat(store.get("/life/k")).contains(reborn);
    assertThat(store.get("/life/k", v2.modRevision())).contains(v2);
  }

  @Test
  void writesCopyTheValueTheyAreGiven() {
    byte[] value = bytes("original");
    KeyValue created = written(store.create("/copy/k", value));
    value[0] = 'X';
    assertThat(store.get("/copy/k").orElseThrow().valueAsString()).isEqualTo("original");
    assertThat(created.valueAsString()).isEqualTo("original");
  }

  @Test
  void concurrentCompareAndSwapIncrementsLoseNoUpdate() throws Exception {
    int threads = 8;
    int incrementsEach = 25;
    KeyValue start = written(store.create("/cas/counter", bytes("0")));
    ConcurrentLinkedQueue<KeyValue> successes = new ConcurrentLinkedQueue<>();
    AtomicInteger conflicts = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  int done = 0;
                  while (done < incrementsEach) {
                    KeyValue current = store.get("/cas/counter").orElseThrow();
                    long n = Long.parseLong(current.valueAsString());
                    WriteResult result = store.update("/cas/counter", bytes(Long.toString(n + 1)), current.modRevision());
                    if (result instanceof WriteResult.Written w) {
                      successes.add(w.kv());
                      done++;
                    } else {
                      conflicts.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }

    int total = threads * incrementsEach;
    KeyValue end = store.get("/cas/counter").orElseThrow();
    assertThat(end.valueAsString()).isEqualTo(Integer.toString(total));
    assertThat(end.version()).isEqualTo(total + 1);
    // Exactly one success per revision, and nothing else wrote: the successes are the revisions
    // right after the creation, each holding the next count.
    assertThat(successes).extracting(KeyValue::modRevision)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(start.modRevision() + 1, start.modRevision() + total).boxed().toList());
    for (KeyValue kv : successes) {
      assertThat(Long.parseLong(kv.valueAsString())).isEqualTo(kv.modRevision() - start.modRevision());
    }
    assertThat(store.currentRevision()).isEqualTo(start.modRevision() + total);
  }

  // ---- watches ----

  @Test
  void watchesSeeEveryChangeUnderConcurrentWritersOnceAndInOrder() throws Exception {
    String prefix = "/watched/";
    long start = store.currentRevision() + 1;
    RecordingWatchListener fromStart = new RecordingWatchListener();
    RecordingWatchListener fromMiddle = new RecordingWatchListener();
    // What was written at each revision under the prefix, by the writers' own account.
    NavigableMap<Long, WatchEvent> expected = new ConcurrentSkipListMap<>();
    int writers = 4;
    int writesEach = 120;
    CountDownLatch halfway = new CountDownLatch(writers * writesEach / 2);
    long[] middleStart = new long[1];

    try (Watch a = store.watch(prefix, start, fromStart)) {
      try (ExecutorService pool = Executors.newFixedThreadPool(writers + 1)) {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int seed = w;
          futures.add(pool.submit(() -> writeRandomly(prefix, seed, writesEach, expected, halfway)));
        }
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 60; i++) {
                    written(store.create("/unwatched/" + i, bytes("noise")));
                  }
                  return null;
                }));
        halfway.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // Mid-way, a second watch starts from a revision already in the past.
        middleStart[0] = start + (store.currentRevision() - start) / 2;
        try (Watch b = store.watch(prefix, middleStart[0], fromMiddle)) {
          for (Future<?> f : futures) {
            f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          }
          long last = expected.lastKey();
          await().atMost(TIMEOUT).until(() -> fromStart.reached(last) && fromMiddle.reached(last));
          assertThat(b).isNotNull();
        }
      }
      assertThat(a).isNotNull();
    }

    assertThat(expected).hasSize(writers * writesEach);
    assertExactly(fromStart, expected);
    assertExactly(fromMiddle, expected.tailMap(middleStart[0], true));
  }

  /** Random creates, updates and deletes of a few shared keys, recording each success. */
  private Void writeRandomly(
      String prefix, int seed, int writes, Map<Long, WatchEvent> expected, CountDownLatch progress) {
    Random random = new Random(seed);
    int done = 0;
    while (done < writes) {
      String key = prefix + "k" + random.nextInt(12);
      Optional<KeyValue> current = store.get(key);
      boolean deleting = false;
      WriteResult result;
      if (current.isEmpty()) {
        result = store.create(key, bytes("c" + seed + "-" + done));
      } else if (random.nextInt(4) == 0) {
        deleting = true;
        result = store.delete(key, current.get().modRevision());
      } else {
        result = store.update(key, bytes("u" + seed + "-" + done), current.get().modRevision());
      }
      if (result instanceof WriteResult.Written w) {
        long revision = w.kv().modRevision();
        // The condition held, so the version read is exactly the one replaced or deleted.
        WatchEvent event =
            deleting
                ? new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, null, 0, revision, 0), current.get())
                : new WatchEvent(WatchEvent.Type.PUT, w.kv(), current.orElse(null));
        expected.put(revision, event);
        done++;
        progress.countDown();
      }
    }
    return null;
  }

  private static void assertExactly(RecordingWatchListener listener, Map<Long, WatchEvent> expected) {
    List<Long> revisions = listener.revisions();
    assertThat(revisions).as("strictly increasing").isSorted().doesNotHaveDuplicates();
    assertThat(revisions).as("no gaps").containsExactlyElementsOf(expected.keySet());
    for (WatchEvent event : listener.events()) {
      WatchEvent want = expected.get(event.revision());
      assertThat(event.type()).as("type at %d", event.revision()).isEqualTo(want.type());
      assertThat(event.kv()).as("kv at %d", event.revision()).isEqualTo(want.kv());
      assertThat(event.prevKv()).as("prevKv at %d", event.revision()).isEqualTo(want.prevKv());
    }
    assertThat(listener.error()).isNull();
  }

  @Test
  void aWatchFromAnOldRevisionReplaysHistoryThenFollowsLiveChanges() {
    KeyValue a1 = written(store.create("/hist/a", bytes("a1")));
    KeyValue a2 = written(store.update("/hist/a", bytes("a2"), a1.modRevision()));
    KeyValue b1 = written(store.create("/hist/b", bytes("b1")));
    written(store.create("/other/x", bytes("x")));
    KeyValue aDeleted = written(store.delete("/hist/a", a2.modRevision()));
    KeyValue a3 = written(store.create("/hist/a", bytes("a3")));

    RecordingWatchListener all = new RecordingWatchListener();
    RecordingWatchListener fromB = new RecordingWatchListener();
    try (Watch w1 = store.watch("/hist/", a1.modRevision(), all);
        Watch w2 = store.watch("/hist/", b1.modRevision(), fromB)) {
      KeyValue b2 = written(store.update("/hist/b", bytes("b2"), b1.modRevision()));
      await().atMost(TIMEOUT).until(() -> all.reached(b2.modRevision()) && fromB.reached(b2.modRevision()));

      List<WatchEvent> history =
          List.of(
              new WatchEvent(WatchEvent.Type.PUT, a1, null),
              new WatchEvent(WatchEvent.Type.PUT, a2, a1),
              new WatchEvent(WatchEvent.Type.PUT, b1, null),
              new WatchEvent(
                  WatchEvent.Type.DELETE, new KeyValue("/hist/a", null, 0, aDeleted.modRevision(), 0), a2),
              new WatchEvent(WatchEvent.Type.PUT, a3, null),
              new WatchEvent(WatchEvent.Type.PUT, b2, b1));
      assertThat(all.events()).containsExactlyElementsOf(history);
      assertThat(fromB.events()).containsExactlyElementsOf(history.subList(2, history.size()));
    }
  }

  @Test
  void aWatchFromZeroSeesOnlyLaterChanges() {
    written(store.create("/now/before", bytes("x")));
    RecordingWatchListener listener = new RecordingWatchListener();
    try (Watch w = store.watch("/now/", 0, listener)) {
      KeyValue after = written(store.create("/now/after", bytes("y")));
      await().atMost(TIMEOUT).until(() -> listener.reached(after.modRevision()));
      assertThat(listener.events()).extracting(e -> e.kv().key()).containsExactly("/now/after");
    }
  }

  @Test
  void aWatchFromAFutureRevisionWaitsForIt() {
    long from = store.currentRevision() + 3;
    RecordingWatchListener listener = new RecordingWatchListener();
    try (Watch w = store.watch("/later/", from, listener)) {
      KeyValue last = null;
      for (int i = 0; i < 5; i++) {
        last = written(store.create("/later/" + i, bytes("x")));
      }
      long lastRevision = last.modRevision();
      await().atMost(TIMEOUT).until(() -> listener.reached(lastRevision));
      assertThat(listener.revisions()).containsExactly(from, from + 1, from + 2);
    }
  }

  @Test
  void aWatchSeesOnlyItsPrefix() {
    RecordingWatchListener listener = new RecordingWatchListener();
    try (Watch w = store.watch("/iso/a/", 0, listener)) {
      written(store.create("/iso/a", bytes("x")));
      written(store.create("/iso/ab", bytes("x")));
      written(store.create("/iso/b/x", bytes("x")));
      written(store.create("/iso/a/x", bytes("x")));
      written(store.create("/iso/a0", bytes("x")));
      KeyValue last = written(store.create("/iso/a/z", bytes("x")));
      await().atMost(TIMEOUT).until(() -> listener.reached(last.modRevision()));
      assertThat(listener.events()).extracting(e -> e.kv().key()).containsExactly("/iso/a/x", "/iso/a/z");
    }
  }

  @Test
  void closingAWatchStopsItsDelivery() {
    RecordingWatchListener closed = new RecordingWatchListener();
    RecordingWatchListener open = new RecordingWatchListener();
    Watch w = store.watch("/stop/", 0, closed);
    try (Watch other = store.watch("/stop/", 0, open)) {
      KeyValue first = written(store.create("/stop/1", bytes("x")));
      await().atMost(TIMEOUT).until(() -> closed.reached(first.modRevision()));
      w.close();
      KeyValue second = written(store.create("/stop/2", bytes("x")));
      await().atMost(TIMEOUT).until(() -> open.reached(second.modRevision()));
      assertThat(closed.revisions()).containsExactly(first.modRevision());
      assertThat(closed.error()).isNull();
    }
  }

  @Test
  void aListenerMayCloseItsOwnWatch() {
    List<WatchEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Watch[] self = new Watch[1];
    CountDownLatch registered = new CountDownLatch(1);
    WatchListener closesItself =
        new RecordingWatchListener() {
          @Override
          public void onEvent(WatchEvent event) {
            seen.add(event);
            try {
              registered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            self[0].close();
          }
        };
    self[0] = store.watch("/self/", 0, closesItself);
    registered.countDown();
    RecordingWatchListener witness = new RecordingWatchListener();
    try (Watch w = store.watch("/self/", 0, witness)) {
      written(store.create("/self/1", bytes("x")));
      KeyValue last = written(store.create("/self/2", bytes("x")));
      await().atMost(TIMEOUT).until(() -> witness.reached(last.modRevision()));
      await().atMost(TIMEOUT).until(() -> !seen.isEmpty());
      assertThat(seen).hasSize(1);
    }
  }

  @Test
  void closingTheStoreEndsItsWatchesWithAnError() {
    RecordingWatchListener listener = new RecordingWatchListener();
    store.watch("/closing/", 0, listener);
    KeyValue kv = written(store.create("/closing/1", bytes("x")));
    await().atMost(TIMEOUT).until(() -> listener.reached(kv.modRevision()));

    store.close();
    await().atMost(TIMEOUT).until(() -> listener.error() != null);
    assertThat(listener.error()).isNotInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store.get("/closing/1")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.create("/closing/2", bytes("x"))).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.watch("/closing/", 0, new RecordingWatchListener())).isInstanceOf(StoreException.class);
    assertThat(listener.callsAfterError()).isZero();
  }

  // ---- compaction ----

  @Test
  void compactionHidesOlderRevisionsButKeepsTheStateAtIt() {
    KeyValue a1 = written(store.create("/compact/a", bytes("a1")));
    KeyValue a2 = written(store.update("/compact/a", bytes("a2"), a1.modRevision()));
    KeyValue b1 = written(store.create("/compact/b", bytes("b1")));
    KeyValue bDeleted = written(store.delete("/compact/b", b1.modRevision()));
    KeyValue a3 = written(store.update("/compact/a", bytes("a3"), a2.modRevision()));
    KeyValue d1 = written(store.create("/compact/d", bytes("d1")));
    long at = a3.modRevision();

    store.compact(at);
    assertThat(store.compactRevision()).isEqualTo(at);

    assertThatThrownBy(() -> store.get("/compact/a", bDeleted.modRevision())).isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store.range(new RangeRequest("/compact/", null, 0, at - 1)))
        .isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store.watch("/compact/", at - 1, new RecordingWatchListener()))
        .isInstanceOf(CompactedException.class);

    assertThat(store.get("/compact/a", at)).contains(a3);
    assertThat(store.get("/compact/b", at)).isEmpty();
    assertThat(store.range(new RangeRequest("/compact/", null, 0, at)).kvs()).containsExactly(a3);
    assertThat(store.range(RangeRequest.all("/compact/")).kvs()).containsExactly(a3, d1);

    RecordingWatchListener listener = new RecordingWatchListener();
    try (Watch w = store.watch("/compact/", at, listener)) {
      await().atMost(TIMEOUT).until(() -> listener.reached(d1.modRevision()));
      assertThat(listener.events()).extracting(WatchEvent::kv).containsExactly(a3, d1);
    }

    store.compact(a1.modRevision()); // older than the last compaction: nothing happens
    assertThat(store.compactRevision()).isEqualTo(at);
    long current = store.currentRevision();
    assertThatThrownBy(() -> store.compact(current + 1)).isInstanceOf(FutureRevisionException.class);
  }

  // ---- helpers ----

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static KeyValue written(WriteResult result) {
    assertThat(result).isInstanceOf(WriteResult.Written.class);
    return ((WriteResult.Written) result).kv();
  }

  private static java.util.Comparator<KeyValue> byKey() {
    return java.util.Comparator.comparing(KeyValue::key);
  }
}
