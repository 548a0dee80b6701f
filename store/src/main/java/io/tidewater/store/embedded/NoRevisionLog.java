package io.tidewater.store.embedded;

import io.tidewater.store.KeyValue;
import io.tidewater.store.WatchEvent;
import java.util.List;
import java.util.Optional;

/** The in-memory mode's log: nothing is written and no history exists beyond memory. */
enum NoRevisionLog implements RevisionLog {
  INSTANCE;

  @Override
  public boolean keepsHistory() {
    return false;
  }

  @Override
  public void append(LogRow row) {}

  @Override
  public Optional<KeyValue> get(String key, long revision) {
    throw noHistory();
  }

  @Override
  public long range(String prefix, String from, int limit, long revision, List<KeyValue> out) {
    throw noHistory();
  }

  @Override
  public List<WatchEvent> events(String prefix, long from, long to) {
    throw noHistory();
  }

  @Override
  public void recordCompaction(long revision) {}

  @Override
  public void deleteCompacted(long revision) {}

  @Override
  public void close() {}

  private static IllegalStateException noHistory() {
    // The store compacts whatever leaves memory in this mode, so it never asks for older history.
    return new IllegalStateException("the in-memory store keeps no history beyond memory");
  }
}
