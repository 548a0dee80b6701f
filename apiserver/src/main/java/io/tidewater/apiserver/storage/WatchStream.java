package io.tidewater.apiserver.storage;

import io.tidewater.apiserver.errors.ApiException;
import java.util.List;

/** A running watch as the HTTP layer serves it: initial events, then live ones. */
public interface WatchStream extends AutoCloseable {

  /** Events to send before any live event (initial state or replayed history). */
  List<WatchItem> initial();

  /**
   * The next live event, or null after the timeout, after {@link #wake}, or when closed and
   * drained. A negative timeout waits without a timer until one of those.
   */
  WatchItem poll(long timeoutMillis) throws InterruptedException;

  /** Makes a waiting {@link #poll} return (null) now; the watch goes on. */
  void wake();

  boolean isClosed();

  /** The error to send the client when the stream ended abnormally, or null. */
  ApiException terminalError();

  /** The revision the stream has caught up to, for BOOKMARK events. */
  long currentRevision();

  @Override
  void close();
}
