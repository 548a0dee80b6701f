package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.errors.ApiException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process informer on a {@link WatchCache}: delivers the current state and then every change
 * to a handler, on one named virtual thread. If its watcher falls behind it resumes from the last
 * revision it saw, or replays the whole state when that is no longer in history, so handlers must
 * be idempotent (level-triggered controllers are).
 */
public final class CacheInformer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheInformer.class);
  private static final int QUEUE = 65_536;

  private final WatchCache cache;
  private final ObjectFilter filter;
  private final Consumer<WatchItem> handler;
  private final Thread thread;
  private volatile boolean closed;
  private volatile CacheWatcher current;

  public CacheInformer(String name, WatchCache cache, ObjectFilter filter, Consumer<WatchItem> handler) {
    this.cache = cache;
    this.filter = filter;
    this.handler = handler;
    this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
  }

  public CacheInformer start() {
    thread.start();
    return this;
  }

  private void run() {
    long resumeFrom = -1;
    while (!closed) {
      WatchCache.Registration reg;
      try {
        reg = cache.watch(filter, resumeFrom, QUEUE);
      } catch (ApiException gone) {
        resumeFrom = -1; // history no longer covers us: replay the state
        continue;
      }
      current = reg.watcher();
      long last = resumeFrom < 0 ? reg.startRevision() : resumeFrom;
      try {
        for (WatchItem item : reg.initial()) {
          deliver(item);
          last = Math.max(last, item.revision());
        }
        while (!closed) {
          WatchItem item = reg.watcher().poll(1_000);
          if (item != null) {
            deliver(item);
            last = item.revision();
          } else if (reg.watcher().isClosed()) {
            break;
          }
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        reg.watcher().close();
      }
      resumeFrom = last;
    }
  }

  private void deliver(WatchItem item) {
    try {
      handler.accept(item);
    } catch (RuntimeException e) {
      log.warn("informer handler failed informer={} object={} error={}", thread.getName(), item.object().objectKey(), e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    CacheWatcher w = current;
    if (w != null) {
      w.close();
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
