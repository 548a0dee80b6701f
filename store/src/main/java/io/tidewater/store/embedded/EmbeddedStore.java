package io.tidewater.store.embedded;

import io.tidewater.store.CompactedException;
import io.tidewater.store.FutureRevisionException;
import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RangeResult;
import io.tidewater.store.Store;
import io.tidewater.store.StoreException;
import io.tidewater.store.Watch;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WatchListener;
import io.tidewater.store.WriteResult;
import io.tidewater.store.watch.BufferedWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Store}: MVCC state in memory, made durable (on disk) by an append-only SQLite
 * log, or kept in memory only (for simulated clusters, many per process).
 *
 * <ul>
 *   <li>Reads at the latest revision, and at recent ones, are answered from memory without locks;
 *       older reads come from SQLite (on disk) or are compacted (in memory).
 *   <li>Writes are serialised by one lock: the condition is checked against memory, the row is
 *       committed to SQLite, then memory is updated, the revision published, and watches fed.
 *   <li>Each watch has a buffer and a virtual thread of its own: it replays history first (from
 *       memory, else SQLite), then delivers live events. A watch that cannot keep up ends with an
 *       error; it never slows writers or other watches. An unwatched store runs no threads.
 * </ul>
 */
public final class EmbeddedStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

  /** The revision of an empty store, as in etcd: the first write is revision 2. */
  static final long INITIAL_REVISION = 1;
  /** Revisions read from SQLite per step when a watch replays old history. */
  private static final int REPLAY_BATCH = 1_000;
  private static final Duration WATCH_STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicLong WATCH_IDS = new AtomicLong();

  private record Subscription(String prefix, long liveFrom, BufferedWatch delivery) {}

  private final EmbeddedStoreOptions options;
  private final String name;
  private final RevisionLog revisionLog;
  private final MvccIndex index;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock compactLock = new ReentrantLock();
  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  private volatile long currentRevision;
  private volatile long compactRevision;
  /** Every event up to this revision has been offered to every watch registered at the time. */
  private volatile long dispatchedRevision;
  private volatile boolean closed;

  private EmbeddedStore(
      EmbeddedStoreOptions options, RevisionLog revisionLog, MvccIndex index, long currentRevision, long compactRevision) {
    this.options = options;
    this.name = options.isInMemory() ? "memory" : options.dataDir().toString();
    this.revisionLog = revisionLog;
    this.index = index;
    this.currentRevision = currentRevision;
    this.dispatchedRevision = currentRevision;
    this.compactRevision = compactRevision;
  }

  /** Opens (creating if needed) a durable store in {@code dataDir}, with default options. */
  public static EmbeddedStore open(Path dataDir) {
    return open(EmbeddedStoreOptions.onDisk(dataDir));
  }

  /** A store in memory only, with default options. */
  public static EmbeddedStore inMemory() {
    return open(EmbeddedStoreOptions.inMemory());
  }

  /** Opens a store as {@code options} say: rebuilding memory from SQLite when on disk. */
  public static EmbeddedStore open(EmbeddedStoreOptions options) {
    if (options.isInMemory()) {
      MvccIndex index = new MvccIndex(options.historyCapacity(), INITIAL_REVISION);
      return new EmbeddedStore(options, NoRevisionLog.INSTANCE, index, INITIAL_REVISION, 0);
    }
    SqliteRevisionLog sqlite = SqliteRevisionLog.open(options.dataDir(), options.sync());
    try {
      return recover(options, sqlite);
    } catch (RuntimeException e) {
      sqlite.close();
      throw e;
    }
  }

  /**
   * Rebuilds memory from the log: the state just before the ring starts, then the ring's rows
   * applied in order, checking that no revision is missing.
   */
  private static EmbeddedStore recover(EmbeddedStoreOptions options, SqliteRevisionLog sqlite) {
    long compacted = sqlite.compactRevision();
    long current = Math.max(INITIAL_REVISION, Math.max(sqlite.lastRevision(), compacted));
    long ringFirst = Math.max(INITIAL_REVISION + 1, Math.max(compacted, current - options.historyCapacity() + 1));
    MvccIndex index = new MvccIndex(options.historyCapacity(), ringFirst - 1);
    sqlite.forEachLiveBefore(ringFirst, index::putRecovered);
    long[] expected = {ringFirst};
    sqlite.forEachFrom(
        ringFirst,
        row -> {
          if (row.revision() != expected[0]) {
            throw new StoreException(
                "the revision log in " + options.dataDir() + " is missing revision " + expected[0]);
          }
          Version head = index.head(row.key());
          index.apply(row.deleted() ? Version.tombstone(row.key(), row.revision(), head) : new Version(row.kv(), head));
          expected[0]++;
        });
    if (expected[0] != current + 1) {
      throw new StoreException("the revision log in " + options.dataDir() + " is missing revision " + expected[0]);
    }
    EmbeddedStore store = new EmbeddedStore(options, sqlite, index, current, compacted);
    log.info(
        "opened embedded store dir={} revision={} compactRevision={} keys={} sync={}",
        options.dataDir(),
        current,
        compacted,
        index.keyCount(),
        options.sync());
    return store;
  }

  public EmbeddedStoreOptions options() {
    return options;
  }

  // ---- reads ----

  @Override
  public long currentRevision() {
    ensureOpen();
    return currentRevision;
  }

  @Override
  public long compactRevision() {
    ensureOpen();
    return compactRevision;
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return get(key, 0);
  }

  @Override
  public Optional<KeyValue> get(String key, long revision) {
    requireKey(key);
    ensureOpen();
    long rev = resolveReadRevision(revision);
    if (rev >= index.floor()) {
      KeyValue kv = index.get(key, rev);
      if (rev >= index.floor()) {
        return Optional.ofNullable(kv);
      }
    }
    return fromLog(rev, () -> revisionLog.get(key, rev));
  }

  @Override
  public RangeResult range(RangeRequest request) {
    Objects.requireNonNull(request, "request");
    String prefix = Objects.requireNonNull(request.prefix(), "prefix");
    if (request.limit() < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + request.limit());
    }
    ensureOpen();
    long rev = resolveReadRevision(request.revision());
    String start = request.startKey();
    String from = start == null || KeyOrder.compare(start, prefix) < 0 ? prefix : start;
    if (rev >= index.floor()) {
      List<KeyValue> kvs = new ArrayList<>();
      long remaining = index.range(prefix, from, request.limit(), rev, kvs);
      if (rev >= index.floor()) {
        return new RangeResult(Collections.unmodifiableList(kvs), remaining > 0, remaining, rev);
      }
    }
    return fromLog(
        rev,
        () -> {
          List<KeyValue> kvs = new ArrayList<>();
          long remaining = revisionLog.range(prefix, from, request.limit(), rev, kvs);
          return new RangeResult(Collections.unmodifiableList(kvs), remaining > 0, remaining, rev);
        });
  }

  private long resolveReadRevision(long revision) {
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative: " + revision);
    }
    long current = currentRevision;
    if (revision == 0) {
      return current;
    }
    if (revision > current) {
      throw new FutureRevisionException(revision, current);
    }
    long compacted = compactRevision;
    if (revision < compacted) {
      throw new CompactedException(revision, compacted);
    }
    return revision;
  }

  /** Reads history that memory no longer holds, then checks no compaction raced with the read. */
  private <T> T fromLog(long revision, Supplier<T> read) {
    if (!revisionLog.keepsHistory()) {
      // Memory advances the compaction revision before it evicts, so this is always above revision.
      throw new CompactedException(revision, compactRevision);
    }
    T result = read.get();
    long compacted = compactRevision;
    if (revision < compacted) {
      throw new CompactedException(revision, compacted);
    }
    return result;
  }

  // ---- writes ----

  @Override
  public WriteResult create(String key, byte[] value) {
    requireKey(key);
    byte[] copy = requireValue(value).clone();
    writeLock.lock();
    try {
      ensureOpen();
      Version head = index.head(key);
      if (head != null && !head.isTombstone()) {
        return new WriteResult.Conflict(Optional.of(head.kv));
      }
      long revision = currentRevision + 1;
      KeyValue kv = new KeyValue(key, copy, revision, revision, 1);
      commit(LogRow.put(kv, 0), new Version(kv, head));
      return new WriteResult.Written(kv);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision) {
    requireKey(key);
    byte[] copy = requireValue(value).clone();
    writeLock.lock();
    try {
      ensureOpen();
      Version head = index.head(key);
      if (head == null || head.isTombstone() || head.revision() != expectedModRevision) {
        return conflict(head);
      }
      long revision = currentRevision + 1;
      KeyValue kv = new KeyValue(key, copy, head.kv.createRevision(), revision, head.kv.version() + 1);
      commit(LogRow.put(kv, head.revision()), new Version(kv, head));
      return new WriteResult.Written(kv);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision) {
    requireKey(key);
    writeLock.lock();
    try {
      ensureOpen();
      Version head = index.head(key);
      if (head == null || head.isTombstone() || (expectedModRevision != 0 && head.revision() != expectedModRevision)) {
        return conflict(head);
      }
      long revision = currentRevision + 1;
      KeyValue deleted = head.kv;
      commit(LogRow.delete(deleted, revision), Version.tombstone(key, revision, head));
      return new WriteResult.Written(
          new KeyValue(key, deleted.value(), deleted.createRevision(), revision, deleted.version()));
    } finally {
      writeLock.unlock();
    }
  }

  private static WriteResult conflict(Version head) {
    return new WriteResult.Conflict(head == null || head.isTombstone() ? Optional.empty() : Optional.of(head.kv));
  }

  /** Under the write lock: durable first, then visible, then announced. */
  private void commit(LogRow row, Version version) {
    revisionLog.append(row);
    if (index.isFull()) {
      if (!revisionLog.keepsHistory()) {
        // In memory, what leaves the ring is gone: compact first, so that readers who find the
        // floor above their revision also find the compaction revision above it.
        compactRevision = index.firstEvent() + 1;
      }
      index.evictOldest();
    }
    index.apply(version);
    currentRevision = version.revision();
    dispatch(version.toEvent());
  }

  private void dispatch(WatchEvent event) {
    String key = event.kv().key();
    for (Subscription s : subscriptions) {
      if (event.revision() >= s.liveFrom() && key.startsWith(s.prefix())) {
        // A full buffer ends that watch (offer returns false and it deregisters); never block here.
        s.delivery().offer(event);
      }
    }
    dispatchedRevision = event.revision();
  }

  // ---- watches ----

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    if (startRevision < 0) {
      throw new IllegalArgumentException("startRevision must not be negative: " + startRevision);
    }
    writeLock.lock();
    try {
      ensureOpen();
      long now = currentRevision;
      long compacted = compactRevision;
      if (startRevision != 0 && startRevision < compacted) {
        throw new CompactedException(startRevision, compacted);
      }
      long from = startRevision == 0 ? now + 1 : startRevision;
      BufferedWatch delivery =
          new BufferedWatch(
              "tidewater-store-watch-" + WATCH_IDS.incrementAndGet(),
              listener,
              options.watchBufferSize(),
              from - 1,
              () -> dispatchedRevision,
              options.watchProgressInterval(),
              this::unsubscribe);
      // Registered under the write lock: live events are exactly those after now; replay covers
      // from..now, so there is neither a gap nor an overlap.
      subscriptions.add(new Subscription(prefix, Math.max(from, now + 1), delivery));
      delivery.start(from <= now ? sink -> replay(prefix, from, now, sink) : null);
      log.debug("watch started store={} watch={} prefix={} from={}", name, delivery, prefix, from);
      return delivery;
    } finally {
      writeLock.unlock();
    }
  }

  private void unsubscribe(BufferedWatch delivery) {
    subscriptions.removeIf(s -> s.delivery() == delivery);
  }

  /** Feeds the events under {@code prefix} in [from, to] from memory where it can, else from SQLite. */
  private void replay(String prefix, long from, long to, Consumer<WatchEvent> sink) {
    long next = from;
    while (next <= to) {
      ensureOpen();
      long compacted = compactRevision;
      if (next < compacted) {
        throw new CompactedException(next, compacted);
      }
      long firstInMemory = index.firstEvent();
      if (next >= firstInMemory) {
        Version v = index.versionAt(next);
        WatchEvent event = v == null ? null : v.toEvent();
        if (index.firstEvent() > next) {
          continue; // evicted while we read it: go round again, to the log or to CompactedException
        }
        if (event == null) {
          throw new IllegalStateException("revision " + next + " is missing from memory in store " + name);
        }
        if (event.kv().key().startsWith(prefix)) {
          sink.accept(event);
        }
        next++;
      } else if (!revisionLog.keepsHistory()) {
        // Nothing was ever evicted (else the compaction check above fails): these revisions
        // predate the first write and have no events.
        next = firstInMemory;
      } else {
        long until = Math.min(to, Math.min(firstInMemory - 1, next + REPLAY_BATCH - 1));
        List<WatchEvent> events = revisionLog.events(prefix, next, until);
        compacted = compactRevision;
        if (next < compacted) {
          throw new CompactedException(next, compacted);
        }
        events.forEach(sink);
        next = until + 1;
      }
    }
  }

  // ---- compaction ----

  @Override
  public void compact(long revision) {
    ensureOpen();
    compactLock.lock();
    try {
      writeLock.lock();
      try {
        ensureOpen();
        long current = currentRevision;
        if (revision > current) {
          throw new FutureRevisionException(revision, current);
        }
        if (revision <= compactRevision) {
          return;
        }
        // Recorded before anything is deleted, so a crash mid-way never serves a partial history.
        revisionLog.recordCompaction(revision);
        compactRevision = revision;
        index.evictBefore(revision);
      } finally {
        writeLock.unlock();
      }
      revisionLog.deleteCompacted(revision);
      log.info("compacted store={} revision={}", name, revision);
    } finally {
      compactLock.unlock();
    }
  }

  // ---- lifecycle ----

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      writeLock.unlock();
    }
    List<Subscription> open = List.copyOf(subscriptions);
    StoreException closing = new StoreException("store " + name + " is closed");
    for (Subscription s : open) {
      s.delivery().fail(closing, false);
    }
    for (Subscription s : open) {
      if (!s.delivery().awaitStopped(WATCH_STOP_TIMEOUT)) {
        log.warn("watch did not stop in time store={} watch={} timeout={}", name, s.delivery(), WATCH_STOP_TIMEOUT);
      }
    }
    revisionLog.close();
    log.info("closed embedded store store={} revision={}", name, currentRevision);
  }

  @Override
  public String toString() {
    return "EmbeddedStore[" + name + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("store " + name + " is closed");
    }
  }

  private static void requireKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
  }

  private static byte[] requireValue(byte[] value) {
    return Objects.requireNonNull(value, "value");
  }
}
