package io.tidewater.api.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private static final Duration NOW = Duration.ofMillis(50);
  private final WorkQueue<String> queue = new WorkQueue<>();

  @Test
  void urgentKeysAreHandedOutBeforeQueuedOnesInTheirOwnOrder() throws Exception {
    queue.add("status-1");
    queue.add("status-2");
    queue.addUrgent("new-1");
    queue.addUrgent("new-2");

    assertThat(takeAll()).containsExactly("new-1", "new-2", "status-1", "status-2");
  }

  @Test
  void aQueuedKeyMadeUrgentMovesAheadAndIsHandedOutOnce() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.addUrgent("b");
    queue.add("b"); // still queued (urgently): no second copy
    queue.addUrgent("b");

    assertThat(takeAll()).containsExactly("b", "a");
    assertThat(queue.length()).isZero();
  }

  @Test
  void aKeyMadeUrgentWhileProcessedIsProcessedAgainAheadOfOthers() throws Exception {
    queue.add("busy");
    String busy = queue.take(NOW);
    queue.add("other");
    queue.addUrgent("busy");
    assertThat(queue.length()).isEqualTo(1); // never handed to a second worker meanwhile
    queue.done(busy);

    assertThat(takeAll()).containsExactly("busy", "other");
  }

  @Test
  void aKeyAddedWhileProcessedComesBackAfterTheOthers() throws Exception {
    queue.add("busy");
    String busy = queue.take(NOW);
    queue.add("other");
    queue.add("busy");
    queue.done(busy);

    assertThat(takeAll()).containsExactly("other", "busy");
  }

  @Test
  void idleOnlyWhenNothingIsQueuedUrgentOrInFlight() throws Exception {
    assertThat(queue.isIdle()).isTrue();
    queue.addUrgent("x");
    assertThat(queue.isIdle()).isFalse();
    String x = queue.take(NOW);
    assertThat(queue.isIdle()).isFalse();
    queue.done(x);
    assertThat(queue.isIdle()).isTrue();
  }

  @Test
  void aBurstOfDelayedAddsOfOneKeyQueuesItOnceAtTheEarliestTime() throws Exception {
    queue.addAfter("x", Duration.ofMillis(200));
    queue.addAfter("x", Duration.ofMillis(20));
    queue.addAfter("x", Duration.ofMillis(100));
    queue.addAfter("y", Duration.ofMillis(100));
    long start = System.nanoTime();
    assertThat(queue.take(Duration.ofSeconds(5))).isEqualTo("x");
    queue.done("x");
    // Due at 20 ms, not held back to 100 or 200 ms by the later adds. (A lower bound only: how long
    // the take itself took is up to the machine.)
    assertThat(queue.take(Duration.ofSeconds(5))).isEqualTo("y");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    queue.done("y");
    assertThat(queue.take(Duration.ofMillis(400))).as("x's later adds were absorbed by its first").isNull();
    assertThat(queue.isIdle()).isTrue();
  }

  private java.util.List<String> takeAll() throws InterruptedException {
    java.util.List<String> out = new java.util.ArrayList<>();
    String k;
    while ((k = queue.take(NOW)) != null) {
      out.add(k);
      queue.done(k);
    }
    return out;
  }
}
