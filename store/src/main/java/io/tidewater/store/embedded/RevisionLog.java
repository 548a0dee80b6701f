package io.tidewater.store.embedded;

import io.tidewater.store.KeyValue;
import io.tidewater.store.WatchEvent;
import java.util.List;
import java.util.Optional;

/**
 * Where the embedded store makes writes durable and reads history that memory no longer holds.
 * The in-memory mode has none ({@link NoRevisionLog}); on disk it is SQLite ({@link
 * SqliteRevisionLog}).
 */
sealed interface RevisionLog extends AutoCloseable permits SqliteRevisionLog, NoRevisionLog {

  /**
   * Whether history older than memory stays readable here until compacted. If not, the store
   * compacts whatever leaves memory.
   */
  boolean keepsHistory();

  /** Makes one write durable before it is acknowledged. */
  void append(LogRow row);

  /** The live value of {@code key} at {@code revision}. */
  Optional<KeyValue> get(String key, long revision);

  /**
   * Adds to {@code out} up to {@code limit} (0: no limit) live keys under {@code prefix} from
   * {@code from} on, as of {@code revision}, in key order; returns how many more there are.
   */
  long range(String prefix, String from, int limit, long revision, List<KeyValue> out);

  /** The events under {@code prefix} with revisions in [{@code from}, {@code to}], in order. */
  List<WatchEvent> events(String prefix, long from, long to);

  /** Records that history below {@code revision} is gone, before any of it is deleted. */
  void recordCompaction(long revision);

  /** Deletes the history that no read at or above {@code revision} needs. */
  void deleteCompacted(long revision);

  @Override
  void close();
}
