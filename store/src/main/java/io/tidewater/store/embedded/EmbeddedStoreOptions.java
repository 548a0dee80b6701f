package io.tidewater.store.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open an {@link EmbeddedStore}.
 *
 * @param dataDir where the SQLite log lives, or null for the in-memory mode (no disk at all)
 * @param sync how hard a commit presses the write to disk (ignored in memory)
 * @param historyCapacity how many recent events (one per revision) stay in memory for watch
 *     catch-up and old reads. On disk, older history is read from SQLite; in memory, history beyond
 *     this is compacted away.
 * @param watchBufferSize how many events a watch may have waiting for its listener before it ends
 *     with an overflow error
 * @param watchProgressInterval how long a watch must be idle before it reports progress
 */
public record EmbeddedStoreOptions(
    Path dataDir, Sync sync, int historyCapacity, int watchBufferSize, Duration watchProgressInterval) {

  /** How durable an acknowledged write is. */
  public enum Sync {
    /**
     * SQLite {@code synchronous=NORMAL} in WAL mode: an acknowledged write survives the process
     * being killed ({@code kill -9}), not a power loss or kernel crash. The default.
     */
    NORMAL,
    /** SQLite {@code synchronous=FULL}: every commit is fsynced; survives power loss, costs an fsync per write. */
    FULL
  }

  public static final int DEFAULT_DISK_HISTORY = 10_000;
  /** Small, because many simulated clusters each hold one in-memory store. */
  public static final int DEFAULT_MEMORY_HISTORY = 1_000;

  public static final int DEFAULT_WATCH_BUFFER = 10_000;
  public static final Duration DEFAULT_WATCH_PROGRESS_INTERVAL = Duration.ofSeconds(5);

  public EmbeddedStoreOptions {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(watchProgressInterval, "watchProgressInterval");
    if (historyCapacity < 1) {
      throw new IllegalArgumentException("historyCapacity must be positive: " + historyCapacity);
    }
    if (watchBufferSize < 1) {
      throw new IllegalArgumentException("watchBufferSize must be positive: " + watchBufferSize);
    }
    if (watchProgressInterval.isNegative() || watchProgressInterval.isZero()) {
      throw new IllegalArgumentException("watchProgressInterval must be positive: " + watchProgressInterval);
    }
  }

  /** Durable in {@code dataDir}, with the defaults. */
  public static EmbeddedStoreOptions onDisk(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    return new EmbeddedStoreOptions(
        dataDir, Sync.NORMAL, DEFAULT_DISK_HISTORY, DEFAULT_WATCH_BUFFER, DEFAULT_WATCH_PROGRESS_INTERVAL);
  }

  /** In memory only, with the defaults. */
  public static EmbeddedStoreOptions inMemory() {
    return new EmbeddedStoreOptions(
        null, Sync.NORMAL, DEFAULT_MEMORY_HISTORY, DEFAULT_WATCH_BUFFER, DEFAULT_WATCH_PROGRESS_INTERVAL);
  }

  public boolean isInMemory() {
    return dataDir == null;
  }

  public EmbeddedStoreOptions withSync(Sync sync) {
    return new EmbeddedStoreOptions(dataDir, sync, historyCapacity, watchBufferSize, watchProgressInterval);
  }

  public EmbeddedStoreOptions withHistoryCapacity(int historyCapacity) {
    return new EmbeddedStoreOptions(dataDir, sync, historyCapacity, watchBufferSize, watchProgressInterval);
  }

  public EmbeddedStoreOptions withWatchBufferSize(int watchBufferSize) {
    return new EmbeddedStoreOptions(dataDir, sync, historyCapacity, watchBufferSize, watchProgressInterval);
  }

  public EmbeddedStoreOptions withWatchProgressInterval(Duration watchProgressInterval) {
    return new EmbeddedStoreOptions(dataDir, sync, historyCapacity, watchBufferSize, watchProgressInterval);
  }
}
