package io.tidewater.apiserver.testing;

import io.tidewater.store.KeyValue;
import io.tidewater.store.RangeRequest;
import io.tidewater.store.RangeResult;
import io.tidewater.store.Store;
import io.tidewater.store.StoreException;
import io.tidewater.store.Watch;
import io.tidewater.store.WatchEvent;
import io.tidewater.store.WatchListener;
import io.tidewater.store.WriteResult;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A store whose watches deliver matching events late: the watch cache then lags behind the store,
 * as it does under load or over a slow etcd link, which is when reads that must be consistent
 * show whether they are.
 */
public final class LaggingWatchStore implements Store {
  private final Store delegate;
  private final ToLongFunction<String> delayMillisByKey;

  /** {@code delayMillisByKey} says how long each key's events are held back (0 for none). */
  public LaggingWatchStore(Store delegate, ToLongFunction<String> delayMillisByKey) {
    this.delegate = delegate;
    this.delayMillisByKey = delayMillisByKey;
  }

  @Override
  public Watch watch(String prefix, long startRevision, WatchListener listener) {
    return delegate.watch(prefix, startRevision, new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        long delay = delayMillisByKey.applyAsLong(event.kv().key());
        if (delay > 0) {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        listener.onEvent(event);
      }

      @Override
      public void onProgress(long revision) {
        listener.onProgress(revision);
      }

      @Override
      public void onError(StoreException error) {
        listener.onError(error);
      }
    });
  }

  @Override
  public long currentRevision() {
    return delegate.currentRevision();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return delegate.get(key);
  }

  @Override
  public Optional<KeyValue> get(String key, long revision) {
    return delegate.get(key, revision);
  }

  @Override
  public RangeResult range(RangeRequest request) {
    return delegate.range(request);
  }

  @Override
  public WriteResult create(String key, byte[] value) {
    return delegate.create(key, value);
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision) {
    return delegate.update(key, value, expectedModRevision);
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision) {
    return delegate.delete(key, expectedModRevision);
  }

  @Override
  public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override
  public long compactRevision() {
    return delegate.compactRevision();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
