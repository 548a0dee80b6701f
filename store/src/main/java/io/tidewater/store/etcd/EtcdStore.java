package io.tidewater.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} on etcd, through jetcd. Conditional writes are etcd transactions (compare the
 * create or modification revision, then put or delete, else get the current value), so a conflict
 * costs one round trip and carries the current value. Watches ask for previous values and progress
 * notifications; etcd's compaction error becomes {@link CompactedException}, and a watch that jetcd
 * loses (etcd restarting, a broken stream) ends with {@link WatchListener#onError} rather than
 * resuming silently, so the caller decides how to re-watch. Events are delivered on one virtual
 * thread per watch, like the embedded store.
 */
public final class EtcdStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(EtcdStore.class);
  /** Read to learn the current revision or whether a revision is compacted; it need not exist. */
  private static final ByteSequence PROBE_KEY = ByteSequence.from(new byte[] {0});
  /** etcd's "to the end of the keyspace" range end. */
  private static final ByteSequence ALL_KEYS_END = ByteSequence.from(new byte[] {0});
  private static final Duration WATCH_STOP_TIMEOUT = Duration.ofSeconds(10);
  /** jetcd watches carry their own progress; this only bounds an idle delivery thread's sleep. */
  private static final Duration UNUSED_PROGRESS_INTERVAL = Duration.ofMinutes(1);
  private static final AtomicLong WATCH_IDS = new AtomicLong();

  private enum Readability {
    READABLE,
    COMPACTED,
    FUTURE
  }

  private final EtcdStoreOptions options;
  private final Client client;
  private final KV kv;
  private final Set<BufferedWatch> watches = ConcurrentHashMap.newKeySet();
  /** A lower bound of etcd's compaction revision: compactions only move it up. */
  private final AtomicLong knownCompactRevision = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private EtcdStore(EtcdStoreOptions options, Client client) {
    this.options = options;
    this.client = client;
    this.kv = client.getKVClient();
  }

  /** Connects to etcd at {@code endpoints}, with default options. */
  public static EtcdStore connect(String... endpoints) {
    return connect(EtcdStoreOptions.of(endpoints));
  }

  public static EtcdStore connect(EtcdStoreOptions options) {
    // As kube-apiserver (MaxCallRecvMsgSize = MaxInt32): gRPC's 4 MiB default fails ranges and
    // watch batches of ordinary size, such as loading 10,000 small objects at start.
    ClientBuilder builder = Client.builder().endpoints(options.endpoints().toArray(String[]::new)).maxInboundMessageSize(Integer.MAX_VALUE);
    if (!options.namespace().isEmpty()) {
      builder.namespace(bytes(options.namespace()));
    }
    EtcdStore store = new EtcdStore(options, builder.build());
    log.info("connected etcd store endpoints={} namespace={}", options.endpoints(), options.namespace());
    return store;
  }

  // ---- reads ----

  @Override
  public long currentRevision() {
    ensureOpen();
    return await(kv.get(PROBE_KEY, GetOption.builder().withCountOnly(true).build()), 0).getHeader().getRevision();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return get(key, 0);
  }

  @Override
  public Optional<KeyValue> get(String key, long revision) {
    requireKey(key);
    requireRevision(revision);
    ensureOpen();
    GetResponse response = await(kv.get(bytes(key), GetOption.builder().withRevision(revision).build()), revision);
    return response.getKvs().isEmpty() ? Optional.empty() : Optional.of(toKeyValue(response.getKvs().get(0)));
  }

  @Override
  public RangeResult range(RangeRequest request) {
    Objects.requireNonNull(request, "request");
    String prefix = Objects.requireNonNull(request.prefix(), "prefix");
    if (request.limit() < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + request.limit());
    }
    requireRevision(request.revision());
    ensureOpen();
    ByteSequence start = startOf(prefix);
    if (request.startKey() != null) {
      ByteSequence asked = bytes(request.startKey());
      if (Arrays.compareUnsigned(asked.getBytes(), start.getBytes()) > 0) {
        start = asked;
      }
    }
    GetOption option =
        GetOption.builder()
            .withRange(endOf(prefix))
            .withLimit(request.limit())
            .withRevision(request.revision())
            .withSortField(GetOption.SortTarget.KEY)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .build();
    GetResponse response = await(kv.get(start, option), request.revision());
    List<KeyValue> kvs = response.getKvs().stream().map(EtcdStore::toKeyValue).toList();
    long remaining = Math.max(0, response.getCount() - kvs.size());
    long revision = request.revision() == 0 ? response.getHeader().getRevision() : request.revision();
    return new RangeResult(kvs, response.isMore(), remaining, revision);
  }

  // ---- writes ----

  @Override
  public WriteResult create(String key, byte[] value) {
    requireKey(key);
    byte[] copy = Objects.requireNonNull(value, "value").clone();
    ensureOpen();
    ByteSequence k = bytes(key);
    TxnResponse response =
        await(
            kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(copy), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            0);
    if (!response.isSucceeded()) {
      return conflict(response);
    }
    long revision = response.getHeader().getRevision();
    return new WriteResult.Written(new KeyValue(key, copy, revision, revision, 1));
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision) {
    requireKey(key);
    byte[] copy = Objects.requireNonNull(value, "value").clone();
    ensureOpen();
    ByteSequence k = bytes(key);
    TxnResponse response =
        await(
            kv.txn()
                // A missing key has modRevision 0 in etcd: require it to exist as well.
                .If(
                    new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)),
                    new Cmp(k, Cmp.Op.GREATER, CmpTarget.version(0)))
                .Then(Op.put(k, ByteSequence.from(copy), PutOption.builder().withPrevKV().build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            0);
    if (!response.isSucceeded()) {
      return conflict(response);
    }
    io.etcd.jetcd.KeyValue prev = response.getPutResponses().get(0).getPrevKv();
    long revision = response.getHeader().getRevision();
    return new WriteResult.Written(new KeyValue(key, copy, prev.getCreateRevision(), revision, prev.getVersion() + 1));
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision) {
    requireKey(key);
    ensureOpen();
    ByteSequence k = bytes(key);
    Cmp exists = new Cmp(k, Cmp.Op.GREATER, CmpTarget.version(0));
    Cmp[] conditions =
        expectedModRevision == 0
            ? new Cmp[] {exists}
            : new Cmp[] {new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)), exists};
    TxnResponse response =
        await(
            kv.txn()
                .If(conditions)
                .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit(),
            0);
    if (!response.isSucceeded()) {
      return conflict(response);
    }
    io.etcd.jetcd.KeyValue deleted = response.getDeleteResponses().get(0).getPrevKvs().get(0);
    long revision = response.getHeader().getRevision();
    return new WriteResult.Written(
        new KeyValue(key, deleted.getValue().getBytes(), deleted.getCreateRevision(), revision, deleted.getVersion()));
  }

  private static WriteResult conflict(TxnResponse response) {
    List<io.etcd.jetcd.KeyValue> current = response.getGetResponses().get(0).getKvs();
    return new WriteResult.Conflict(current.isEmpty() ? Optional.empty() : Optional.of(toKeyValue(current.get(0))));
  }

  // ---- watches ----

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    requireRevision(startRevision);
    ensureOpen();
    // etcd reports a compacted start revision asynchronously; the contract wants it thrown here.
    if (startRevision > 0 && readability(startRevision) == Readability.COMPACTED) {
      throw new CompactedException(startRevision, compactRevision());
    }
    if (startRevision == 0) {
      // etcd's own "0" means "from whenever the server registers the watch", which happens
      // asynchronously: a write acknowledged right after this call could be missed. "After now"
      // is the revision current at the call.
      startRevision = currentRevision() + 1;
    }
    AtomicReference<io.etcd.jetcd.Watch.Watcher> remote = new AtomicReference<>();
    AtomicLong lastRevision = new AtomicLong(startRevision - 1);
    BufferedWatch delivery =
        new BufferedWatch(
            "tidewater-etcd-watch-" + WATCH_IDS.incrementAndGet(),
            listener,
            options.watchBufferSize(),
            lastRevision.get(),
            null,
            UNUSED_PROGRESS_INTERVAL,
            stopped -> {
              watches.remove(stopped);
              closeRemote(remote);
            });
    watches.add(delivery);
    delivery.start(null);
    WatchOption option =
        WatchOption.builder()
            .withRange(endOf(prefix))
            .withRevision(startRevision)
            .withPrevKV(true)
            .withProgressNotify(true)
            .build();
    remote.set(
        client.getWatchClient().watch(startOf(prefix), option, new RemoteListener(prefix, delivery, lastRevision)));
    if (delivery.isOver()) {
      closeRemote(remote); // it ended before there was a remote watcher to close
    }
    log.debug("watch started watch={} prefix={} from={}", delivery, prefix, startRevision);
    return delivery;
  }

  /** Feeds one jetcd watch into its delivery buffer. Called on jetcd's threads. */
  private static final class RemoteListener implements io.etcd.jetcd.Watch.Listener {
    private final String prefix;
    private final BufferedWatch delivery;
    private final AtomicLong lastRevision;

    RemoteListener(String prefix, BufferedWatch delivery, AtomicLong lastRevision) {
      this.prefix = prefix;
      this.delivery = delivery;
      this.lastRevision = lastRevision;
    }

    @Override
    public void onNext(io.etcd.jetcd.watch.WatchResponse response) {
      if (response.isProgressNotify()) {
        delivery.offerProgress(response.getHeader().getRevision());
        return;
      }
      for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
        WatchEvent converted = toWatchEvent(event);
        if (converted == null) {
          continue;
        }
        if (!delivery.offer(converted)) {
          return; // over (closed or overflowed): it closes the remote watcher as it stops
        }
        lastRevision.set(converted.revision());
      }
    }

    @Override
    public void onError(Throwable error) {
      // jetcd would resume on its own after some errors; we end the watch instead, after what was
      // already received, so the caller re-watches knowing exactly where it stands.
      StoreException mapped =
          error instanceof io.etcd.jetcd.common.exception.CompactedException compacted
              ? new CompactedException(lastRevision.get() + 1, compacted.getCompactedRevision())
              : new StoreException("etcd watch on prefix " + prefix + " was lost: " + error.getMessage(), error);
      delivery.fail(mapped, true);
    }

    @Override
    public void onCompleted() {
      delivery.fail(new StoreException("etcd ended the watch on prefix " + prefix), true);
    }
  }

  private static void closeRemote(AtomicReference<io.etcd.jetcd.Watch.Watcher> remote) {
    io.etcd.jetcd.Watch.Watcher watcher = remote.getAndSet(null);
    if (watcher != null) {
      try {
        watcher.close();
      } catch (RuntimeException e) {
        log.debug("ignoring failure to close an etcd watcher", e);
      }
    }
  }

  // ---- compaction ----

  @Override
  public void compact(long revision) {
    requireRevision(revision);
    ensureOpen();
    if (revision <= knownCompactRevision.get()) {
      return;
    }
    try {
      await(kv.compact(revision, CompactOption.builder().withCompactPhysical(true).build()), revision);
      log.info("compacted etcd store endpoints={} revision={}", options.endpoints(), revision);
    } catch (CompactedException e) {
      // Already compacted at or above revision (by another client): nothing to do.
    }
    knownCompactRevision.accumulateAndGet(revision, Math::max);
  }

  /**
   * etcd does not report its compaction revision directly, but a read below it fails: the answer
   * is the oldest readable revision, found by binary search between what this client last knew and
   * the current revision (one request when nothing changed).
   */
  @Override
  public long compactRevision() {
    ensureOpen();
    long known = knownCompactRevision.get();
    if (readability(Math.max(known, 1)) == Readability.READABLE) {
      return known;
    }
    long low = Math.max(known, 1) + 1;
    long high = currentRevision();
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (readability(mid) == Readability.READABLE) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return knownCompactRevision.accumulateAndGet(low, Math::max);
  }

  private Readability readability(long revision) {
    try {
      awaitRaw(kv.get(PROBE_KEY, GetOption.builder().withCountOnly(true).withRevision(revision).build()));
      return Readability.READABLE;
    } catch (ExecutionException e) {
      if (isCompacted(e.getCause())) {
        return Readability.COMPACTED;
      }
      if (isFutureRevision(e.getCause())) {
        return Readability.FUTURE;
      }
      throw new StoreException("etcd: " + e.getCause().getMessage(), e.getCause());
    }
  }

  // ---- lifecycle ----

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<BufferedWatch> open = List.copyOf(watches);
    StoreException closing = new StoreException("etcd store " + options.endpoints() + " is closed");
    for (BufferedWatch w : open) {
      w.fail(closing, false);
    }
    for (BufferedWatch w : open) {
      if (!w.awaitStopped(WATCH_STOP_TIMEOUT)) {
        log.warn("watch did not stop in time watch={} timeout={}", w, WATCH_STOP_TIMEOUT);
      }
    }
    client.close();
    log.info("closed etcd store endpoints={} namespace={}", options.endpoints(), options.namespace());
  }

  @Override
  public String toString() {
    return "EtcdStore" + options.endpoints() + (options.namespace().isEmpty() ? "" : "/" + options.namespace());
  }

  // ---- helpers ----

  private <T> T await(CompletableFuture<T> future, long requestedRevision) {
    try {
      return awaitRaw(future);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (isCompacted(cause)) {
        throw new CompactedException(requestedRevision, compactRevision());
      }
      if (isFutureRevision(cause)) {
        throw new FutureRevisionException(requestedRevision, currentRevision());
      }
      throw new StoreException("etcd: " + cause.getMessage(), cause);
    }
  }

  private <T> T awaitRaw(CompletableFuture<T> future) throws ExecutionException {
    try {
      return future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StoreException("etcd request timed out after " + options.requestTimeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new StoreException("interrupted while waiting for etcd", e);
    }
  }

  // jetcd fails requests with gRPC's StatusRuntimeException or its own EtcdException; etcd tells
  // the two revision errors apart only by message, under the OUT_OF_RANGE code.
  private static boolean isCompacted(Throwable t) {
    return t instanceof io.etcd.jetcd.common.exception.CompactedException || isOutOfRange(t, "compacted");
  }

  private static boolean isFutureRevision(Throwable t) {
    return isOutOfRange(t, "future revision");
  }

  private static boolean isOutOfRange(Throwable t, String detail) {
    EtcdException e = EtcdExceptionFactory.toEtcdException(t);
    return e.getErrorCode() == ErrorCode.OUT_OF_RANGE && String.valueOf(e.getMessage()).contains(detail);
  }

  private static KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        kv.getKey().toString(StandardCharsets.UTF_8),
        kv.getValue().getBytes(),
        kv.getCreateRevision(),
        kv.getModRevision(),
        kv.getVersion());
  }

  private static WatchEvent toWatchEvent(io.etcd.jetcd.watch.WatchEvent event) {
    io.etcd.jetcd.KeyValue prev = event.getPrevKV();
    // jetcd hands out an empty key-value when etcd sent none.
    KeyValue prevKv = prev == null || prev.getCreateRevision() == 0 ? null : toKeyValue(prev);
    io.etcd.jetcd.KeyValue kv = event.getKeyValue();
    return switch (event.getEventType()) {
      case PUT -> new WatchEvent(WatchEvent.Type.PUT, toKeyValue(kv), prevKv);
      case DELETE ->
          new WatchEvent(
              WatchEvent.Type.DELETE,
              new KeyValue(kv.getKey().toString(StandardCharsets.UTF_8), null, 0, kv.getModRevision(), 0),
              prevKv);
      case UNRECOGNIZED -> null;
    };
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  /** The first key of a prefix range; etcd spells "from the very first key" as a single zero byte. */
  private static ByteSequence startOf(String prefix) {
    return prefix.isEmpty() ? ALL_KEYS_END : bytes(prefix);
  }

  private static ByteSequence endOf(String prefix) {
    return prefix.isEmpty() ? ALL_KEYS_END : io.etcd.jetcd.options.OptionsUtil.prefixEndOf(bytes(prefix));
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new StoreException("etcd store " + options.endpoints() + " is closed");
    }
  }

  private static void requireKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
  }

  private static void requireRevision(long revision) {
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative: " + revision);
    }
  }
}
