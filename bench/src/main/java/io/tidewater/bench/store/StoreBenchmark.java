package io.tidewater.bench.store;

import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RangeResult;
import io.tidewater.store.StoreException;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WatchListener;
import io.tidewater.store.WriteResult;
import io.tidewater.store.embedded.EmbeddedStore;
import io.tidewater.store.embedded.EmbeddedStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded store's raw speed: single-key writes (CAS updates, each its own SQLite commit on
 * disk), point reads at the latest revision, a full range of 10,000 keys, and a write fanned out to
 * 100 watches. Values are 1 KiB, about the size of a small Kubernetes object.
 *
 * <pre>
 * mvn -B -o -pl bench -am package -DskipTests
 * java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main StoreBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class StoreBenchmark {
  private static final int KEYS = 10_000;
  private static final int WATCHERS = 100;
  private static final byte[] VALUE = new byte[1024];

  /** disk: SQLite WAL with synchronous=NORMAL; full: synchronous=FULL; memory: no disk. */
  @Param({"disk", "memory"})
  public String mode;

  EmbeddedStore store;
  Path dir;
  String[] keys;
  long[] modRevisions;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", ".")), "store-bench-");
    store =
        switch (mode) {
          case "disk" -> EmbeddedStore.open(dir);
          case "full" -> EmbeddedStore.open(EmbeddedStoreOptions.onDisk(dir).withSync(EmbeddedStoreOptions.Sync.FULL));
          case "memory" -> EmbeddedStore.inMemory();
          default -> throw new IllegalArgumentException(mode);
        };
    keys = new String[KEYS];
    modRevisions = new long[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = String.format("/registry/pods/namespace-%02d/pod-%05d", i % 20, i);
      modRevisions[i] = ((WriteResult.Written) store.create(keys[i], VALUE)).kv().modRevision();
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One writer thread, CAS-updating keys round-robin (writes are serialised anyway). */
  @State(Scope.Thread)
  public static class Writer {
    int next;
  }

  @Benchmark
  @Threads(1)
  public WriteResult write(Writer writer) {
    int i = writer.next;
    writer.next = (i + 1) % KEYS;
    WriteResult result = store.update(keys[i], VALUE, modRevisions[i]);
    modRevisions[i] = ((WriteResult.Written) result).kv().modRevision();
    return result;
  }

  @Benchmark
  @Threads(2)
  public KeyValue get() {
    return store.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]).orElseThrow();
  }

  @Benchmark
  @Threads(1)
  public RangeResult range10k() {
    return store.range(RangeRequest.all("/registry/pods/"));
  }

  /** A store with 100 watches on the written prefix: what a write costs when fanned out. */
  @State(Scope.Benchmark)
  public static class Watched {
    final AtomicLong[] seen = new AtomicLong[WATCHERS];

    @Setup(Level.Trial)
    public void watch(StoreBenchmark bench) {
      for (int w = 0; w < WATCHERS; w++) {
        AtomicLong counter = seen[w] = new AtomicLong();
        bench.store.watch(
            "/registry/pods/",
            0,
            new WatchListener() {
              @Override
              public void onEvent(WatchEvent event) {
                counter.set(event.revision());
              }

              @Override
              public void onError(StoreException error) {
                counter.set(Long.MAX_VALUE); // overflowed: stop waiting for it
              }
            });
      }
    }
  }

  /** A write, then waiting until all 100 watches have been handed it: fan-out round trip. */
  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long writeFannedOutTo100Watches(Writer writer, Watched watched) {
    WriteResult result = write(writer);
    long revision = ((WriteResult.Written) result).kv().modRevision();
    for (AtomicLong seen : watched.seen) {
      while (seen.get() < revision) {
        Thread.onSpinWait();
      }
    }
    return revision;
  }
}
