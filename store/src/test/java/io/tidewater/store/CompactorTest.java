package io.tidewater.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompactorTest {
  private static final Duration NEVER_DURING_THE_TEST = Duration.ofHours(1);

  @Test
  void retainingRevisionsCompactsToCurrentMinusN() {
    try (EmbeddedStore store = EmbeddedStore.inMemory();
        Compactor compactor = Compactor.retainingRevisions(store, 5, NEVER_DURING_THE_TEST)) {
      write(store, 20);
      long current = store.currentRevision();
      assertThat(compactor.compactNow()).isEqualTo(current - 5);
      assertThat(store.compactRevision()).isEqualTo(current - 5);
      assertThat(compactor.compactNow()).as("nothing new to compact").isZero();
    }
  }

  @Test
  void retainingIntervalCompactsToTheRevisionOfThePreviousTick() {
    try (EmbeddedStore store = EmbeddedStore.inMemory();
        Compactor compactor = Compactor.retainingInterval(store, NEVER_DURING_THE_TEST)) {
      write(store, 3);
      long firstTick = store.currentRevision();
      assertThat(compactor.compactNow()).as("the first tick only remembers").isZero();
      write(store, 3);
      assertThat(compactor.compactNow()).isEqualTo(firstTick);
      assertThat(store.compactRevision()).isEqualTo(firstTick);
    }
  }

  @Test
  void itCompactsOnItsOwnThreadAndStopsOnClose() {
    try (EmbeddedStore store = EmbeddedStore.inMemory()) {
      write(store, 10);
      long target = store.currentRevision() - 2;
      Compactor compactor = Compactor.retainingRevisions(store, 2, Duration.ofMillis(10));
      await().atMost(Duration.ofSeconds(30)).until(() -> store.compactRevision() == target);
      assertThat(compactorThreads()).isPositive();
      compactor.close();
      assertThat(compactorThreads()).isZero();
    }
  }

  @Test
  void aFailedCompactionIsRetriedAtTheNextTick() {
    EmbeddedStore store = EmbeddedStore.inMemory();
    write(store, 5);
    store.close();
    try (Compactor compactor = Compactor.retainingRevisions(store, 1, Duration.ofMillis(5))) {
      // Every tick fails on the closed store; the compactor keeps going and stops cleanly.
      await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30)).until(() -> compactorThreads() == 1);
    }
    assertThat(compactorThreads()).isZero();
  }

  private static long compactorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("tidewater-store-compactor-") && t.isAlive())
        .count();
  }

  private static void write(Store store, int n) {
    for (int i = 0; i < n; i++) {
      String key = "/compactor/" + store.currentRevision();
      assertThat(store.create(key, key.getBytes(StandardCharsets.UTF_8))).isInstanceOf(WriteResult.Written.class);
    }
  }
}
