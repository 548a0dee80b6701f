package io.tidewater.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link WatchListener} that records what it receives, for assertions. Thread-safe. */
public class RecordingWatchListener implements WatchListener {
  private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
  private final List<Long> progress = new CopyOnWriteArrayList<>();
  private final AtomicReference<StoreException> error = new AtomicReference<>();
  private final AtomicInteger callsAfterError = new AtomicInteger();

  @Override
  public void onEvent(WatchEvent event) {
    if (error.get() != null) {
      callsAfterError.incrementAndGet();
    }
    events.add(event);
  }

  @Override
  public void onProgress(long revision) {
    if (error.get() != null) {
      callsAfterError.incrementAndGet();
    }
    progress.add(revision);
  }

  @Override
  public void onError(StoreException e) {
    if (!error.compareAndSet(null, e)) {
      callsAfterError.incrementAndGet();
    }
  }

  public List<WatchEvent> events() {
    return List.copyOf(events);
  }

  public List<Long> revisions() {
    return events.stream().map(WatchEvent::revision).toList();
  }

  public List<Long> progress() {
    return List.copyOf(progress);
  }

  /** The error the watch ended with, or null. */
  public StoreException error() {
    return error.get();
  }

  /** Calls received after onError, which the contract forbids. */
  public int callsAfterError() {
    return callsAfterError.get();
  }

  /** Whether an event with this revision or a later one has arrived. */
  public boolean reached(long revision) {
    return events.stream().anyMatch(e -> e.revision() >= revision);
  }
}
