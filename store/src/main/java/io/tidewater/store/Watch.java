package io.tidewater.store;

/** A running watch. Closing it stops delivery; no events are delivered after close returns. */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
