package io.tidewater.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RevisionReaderTest {

  @Test
  void everyCallerGetsARevisionReadAfterItArrivedAndCallsAreShared() throws Exception {
    // The "store": every read returns the writes acknowledged so far; a writer keeps writing.
    AtomicLong acknowledged = new AtomicLong(1);
    AtomicInteger storeCalls = new AtomicInteger();
    RevisionReader reader = new RevisionReader(() -> {
      storeCalls.incrementAndGet();
      long v = acknowledged.get();
      try {
        Thread.sleep(2); // a round trip
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return v;
    });
    int callers = 32;
    int reads = 50;
    List<Thread> threads = new ArrayList<>();
    AtomicInteger stale = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    for (int c = 0; c < callers; c++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < reads; i++) {
          long seen = acknowledged.incrementAndGet(); // this caller's own write, acknowledged
          if (reader.read() < seen) {
            stale.incrementAndGet();
          }
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(stale).as("reads that missed an acknowledged write").hasValue(0);
    assertThat(storeCalls.get()).as("store round trips for %d reads", callers * reads).isLessThan(callers * reads / 2);
  }

  @Test
  void aFailedReadFailsItsCallerAndTheNextCallerReadsAgain() {
    AtomicInteger calls = new AtomicInteger();
    RevisionReader reader = new RevisionReader(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("store down");
      }
      return 7;
    });
    assertThatThrownBy(reader::read).hasMessage("store down");
    assertThat(reader.read()).isEqualTo(7);
  }
}
