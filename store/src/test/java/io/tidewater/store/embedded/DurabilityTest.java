package io.tidewater.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RecordingWatchListener;
import io.tidewater.store.Watch;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WriteResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An acknowledged write survives {@code kill -9}: a child JVM writes keys and reports each one
 * after the write returns; we kill it at a random point (and once after the last write), reopen
 * the store, and check every acknowledged key and the rebuilt history.
 */
class DurabilityTest {
  private static final Logger log = LoggerFactory.getLogger(DurabilityTest.class);
  private static final int KEYS = 10_000;
  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path tmp;

  @Test
  void acknowledgedWritesSurviveAKillAtRandomPoints() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int run = 0; run < 2; run++) {
      int killAfter = 1 + random.nextInt(KEYS - 1);
      log.info("durability run seed={} killAfterAcks={}", seed, killAfter);
      killAndRecover(tmp.resolve("run-" + run), killAfter);
    }
  }

  @Test
  void acknowledgedWritesSurviveAKillAfterTheLastOne() throws Exception {
    killAndRecover(tmp.resolve("all"), KEYS);
  }

  private void killAndRecover(Path dir, int killAfterAcks) throws Exception {
    Map<String, Long> acked = runAndKill(dir, killAfterAcks);
    assertThat(acked).as("acknowledgements before the kill").hasSizeGreaterThanOrEqualTo(killAfterAcks);
    long lastAcked = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();

    // A small history makes recovery rebuild memory from a baseline plus the newest rows, and the
    // replay below read most of the history from SQLite.
    try (EmbeddedStore store = EmbeddedStore.open(EmbeddedStoreOptions.onDisk(dir).withHistoryCapacity(1_000))) {
      int i = 0;
      for (Map.Entry<String, Long> ack : acked.entrySet()) {
        assertThat(ack.getKey()).isEqualTo(DurabilityWriter.key(i));
        KeyValue kv = store.get(ack.getKey()).orElseThrow(() -> new AssertionError("lost " + ack.getKey()));
        assertThat(kv.valueAsString()).isEqualTo(DurabilityWriter.value(i));
        assertThat(kv.modRevision()).isEqualTo(ack.getValue());
        i++;
      }
      long current = store.currentRevision();
      assertThat(current).isGreaterThanOrEqualTo(lastAcked);
      // Every revision is one create, in order: the history has no gaps.
      assertThat(store.range(RangeRequest.all("/durability/")).kvs()).hasSize((int) (current - 1));

      RecordingWatchListener history = new RecordingWatchListener();
      try (Watch w = store.watch("/durability/", 2, history)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> history.reached(current));
      }
      assertThat(history.revisions()).containsExactlyElementsOf(LongStream.rangeClosed(2, current).boxed().toList());
      for (WatchEvent event : history.events()) {
        assertThat(event.type()).isEqualTo(WatchEvent.Type.PUT);
        assertThat(event.kv().key()).isEqualTo(DurabilityWriter.key((int) (event.revision() - 2)));
      }

      WriteResult next = store.create("/durability/after-recovery", new byte[] {1});
      assertThat(next).isInstanceOf(WriteResult.Written.class);
      assertThat(((WriteResult.Written) next).kv().modRevision()).isEqualTo(current + 1);
    }
  }

  /** Runs the writer until it has acknowledged {@code killAfterAcks} keys, then SIGKILLs it. */
  private Map<String, Long> runAndKill(Path dir, int killAfterAcks) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Process child =
        new ProcessBuilder(java, "-cp", classpath, DurabilityWriter.class.getName(), dir.toString(), Integer.toString(KEYS))
            .redirectError(dir.resolveSibling(dir.getFileName() + "-child.log").toFile())
            .start();
    // A watchdog, so that a stuck child cannot hang the build.
    Thread.ofVirtual()
        .name("durability-watchdog")
        .start(
            () -> {
              try {
                if (!child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                  kill(child);
                }
              } catch (InterruptedException e) {
                kill(child);
              }
            });
    Map<String, Long> acked = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] parts = line.split(" ");
          acked.put(parts[1], Long.parseLong(parts[2]));
          if (acked.size() == killAfterAcks && killAfterAcks < KEYS) {
            kill(child);
          }
        } else if (line.equals("DONE")) {
          kill(child);
        }
        // Lines already in the pipe after the kill were acknowledged too: keep reading to the end.
      }
    } finally {
      kill(child);
    }
    assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("child exited").isTrue();
    return acked;
  }

  /**
   * SIGKILL through the process handle: {@link Process#destroyForcibly} would also close our end of
   * the child's stdout, losing acknowledgements still in the pipe.
   */
  private static void kill(Process child) {
    child.toHandle().destroyForcibly();
  }
}
