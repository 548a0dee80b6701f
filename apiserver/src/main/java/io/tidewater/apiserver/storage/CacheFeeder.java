package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.errors.ApiException;
import io.tidewater.apiserver.registry.ResourceType;
import io.tidewater.store.CompactedException;
import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RangeResult;
import io.tidewater.store.Store;
import io.tidewater.store.StoreException;
import io.tidewater.store.Watch;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WatchListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every resource's {@link WatchCache} in step with the store through one watch on the whole
 * registry prefix: load everything at one revision, then apply changes in revision order. If the
 * store watch is lost (compaction, lost connection) it reloads and ends all watchers, whose
 * clients resume or relist, as Kubernetes' cacher does.
 */
public final class CacheFeeder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheFeeder.class);
  private static final int LOAD_PAGE = 10_000;
  private static final long COMPACTION_CATCH_UP_MILLIS = 5_000;

  private final Store store;
  private final RevisionReader storeRevision;
  private final Map<String, WatchCache> cachesByPrefix = new LinkedHashMap<>();
  private final ReentrantLock revisionLock = new ReentrantLock();
  private final Condition revisionAdvanced = revisionLock.newCondition();
  private volatile long revision;
  private volatile boolean closed;
  private Watch watch;
  private Thread restarter;

  public CacheFeeder(Store store, List<ResourceType> types, int historyCapacity) {
    this.store = store;
    this.storeRevision = new RevisionReader(store::currentRevision);
    for (ResourceType t : types) {
      cachesByPrefix.put(KeyLayout.prefix(t), new WatchCache(t, historyCapacity));
    }
  }

  public WatchCache cache(ResourceType type) {
    WatchCache c = cachesByPrefix.get(KeyLayout.prefix(type));
    if (c == null) {
      throw new IllegalArgumentException("no cache for " + type.gvr());
    }
    return c;
  }

  public List<WatchCache> caches() {
    return List.copyOf(cachesByPrefix.values());
  }

  /** Loads the current state and starts following the store. Blocks until the caches are synced. */
  public synchronized void start() {
    loadAndWatch(null);
  }

  private synchronized void loadAndWatch(ApiException reasonForWatchers) {
    if (closed) {
      return;
    }
    Map<String, List<CachedObject>> state = new HashMap<>();
    cachesByPrefix.keySet().forEach(p -> state.put(p, new ArrayList<>()));
    long at = 0;
    String start = null;
    while (true) {
      RangeResult page = store.range(new RangeRequest(KeyLayout.ROOT, start, LOAD_PAGE, at));
      at = page.revision();
      for (KeyValue kv : page.kvs()) {
        String prefix = KeyLayout.resourcePrefixOf(kv.key());
        List<CachedObject> list = prefix == null ? null : state.get(prefix);
        if (list != null) {
          FieldIndexer fields = cachesByPrefix.get(prefix).fieldIndexer();
          list.add(ObjectCodec.cached(kv.key().substring(prefix.length()), kv.value(), kv.modRevision(), fields));
        }
      }
      if (!page.more() || page.kvs().isEmpty()) {
        break;
      }
      start = page.kvs().get(page.kvs().size() - 1).key() + "\0";
    }
    for (Map.Entry<String, WatchCache> e : cachesByPrefix.entrySet()) {
      e.getValue().replace(state.get(e.getKey()), at, reasonForWatchers);
    }
    publishRevision(at);
    watch = store.watch(KeyLayout.ROOT, at + 1, new Listener());
    log.info("watch caches synced resources={} revision={}", cachesByPrefix.size(), at);
  }

  private final class Listener implements WatchListener {
    @Override
    public void onEvent(WatchEvent event) {
      KeyValue kv = event.kv();
      String prefix = KeyLayout.resourcePrefixOf(kv.key());
      WatchCache cache = prefix == null ? null : cachesByPrefix.get(prefix);
      if (cache != null) {
        String objectKey = kv.key().substring(prefix.length());
        CacheEvent ce;
        CachedObject previous = cache.get(objectKey);
        if (event.type() == WatchEvent.Type.DELETE) {
          if (previous == null) {
            previous = event.prevKv() == null ? null : ObjectCodec.cached(objectKey, event.prevKv().value(), event.prevKv().modRevision(), cache.fieldIndexer());
          }
          ce = previous == null
              ? null
              : new CacheEvent(EventType.DELETED, ObjectCodec.deleted(previous, kv.modRevision(), cache.fieldIndexer()), previous, kv.modRevision());
        } else {
          CachedObject current = ObjectCodec.cached(objectKey, kv.value(), kv.modRevision(), cache.fieldIndexer());
          ce = new CacheEvent(previous == null ? EventType.ADDED : EventType.MODIFIED, current, previous, kv.modRevision());
        }
        if (ce != null) {
          cache.apply(ce);
        }
      }
      publishRevision(kv.modRevision());
    }

    @Override
    public void onProgress(long rev) {
      cachesByPrefix.values().forEach(c -> c.advance(rev));
      publishRevision(rev);
    }

    @Override
    public void onError(StoreException error) {
      if (closed) {
        return;
      }
      log.warn("store watch lost, reloading caches reason={}", error.getMessage());
      restart(error instanceof CompactedException);
    }
  }

  private void restart(boolean compacted) {
    // Not on the store's delivery thread: reloading re-enters the store.
    Thread t =
        Thread.ofVirtual()
            .name("watch-cache-reload")
            .start(
                () -> {
                  long backoff = 100;
                  while (!closed) {
                    try {
                      loadAndWatch(compacted ? ApiException.gone("the store was compacted; relist") : null);
                      return;
                    } catch (RuntimeException e) {
                      log.warn("cache reload failed, retrying in {} ms: {}", backoff, e.toString());
                      try {
                        Thread.sleep(backoff);
                      } catch (InterruptedException ie) {
                        return;
                      }
                      backoff = Math.min(backoff * 2, 5_000);
                    }
                  }
                });
    restarter = t;
  }

  private void publishRevision(long rev) {
    if (rev <= revision) {
      return;
    }
    cachesByPrefix.values().forEach(c -> c.advance(rev));
    revisionLock.lock();
    try {
      revision = rev;
      revisionAdvanced.signalAll();
    } finally {
      revisionLock.unlock();
    }
  }

  /**
   * The store's current revision, for consistent reads: every write acknowledged before the call
   * is at or below it. Concurrent callers share store round trips.
   */
  public long storeRevision() {
    return storeRevision.read();
  }

  /** The store revision every cache reflects. */
  public long revision() {
    return revision;
  }

  /** Waits until the caches reflect {@code rev}; returns false on timeout. */
  public boolean awaitRevision(long rev, long timeoutMillis) {
    if (revision >= rev) {
      return true;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    revisionLock.lock();
    try {
      while (revision < rev) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        revisionAdvanced.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      revisionLock.unlock();
    }
  }

  /**
   * Makes resuming a watch at or below {@code rev} answer 410 Gone (after a store compaction), and
   * optionally ends every running watch so that clients resume now.
   *
   * <p>Waits first (bounded) until the caches have seen {@code rev}: a cache that lags behind the
   * compaction would otherwise keep its history start below {@code rev}, and a watch resumed from a
   * compacted revision would replay instead of answering 410.
   */
  public void forgetHistoryBefore(long rev, boolean terminateWatchers) {
    if (!awaitRevision(rev, COMPACTION_CATCH_UP_MILLIS)) {
      log.warn("caches still behind the compacted revision, forgetting what they hold rev={} cacheRevision={}", rev, revision);
    }
    for (WatchCache c : cachesByPrefix.values()) {
      c.forgetHistoryBefore(rev);
      if (terminateWatchers) {
        c.terminateWatchers(ApiException.gone("too old resource version: the store was compacted at " + rev), "compaction");
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Watch w = watch;
    if (w != null) {
      w.close();
    }
    Thread r = restarter;
    if (r != null) {
      r.interrupt();
    }
    for (WatchCache c : cachesByPrefix.values()) {
      c.terminateWatchers(null, "server shutting down");
    }
  }
}
