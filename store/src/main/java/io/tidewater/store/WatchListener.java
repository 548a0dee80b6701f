package io.tidewater.store;

/** Receives a watch's events, in order, on one thread owned by the store. */
public interface WatchListener {

  /** One change. Called in strictly increasing revision order. */
  void onEvent(WatchEvent event);

  /**
   * The store has seen every change up to {@code revision} for this watch's prefix. Lets caches
   * advance their revision when writes happen elsewhere. Optional for implementations to send.
   */
  default void onProgress(long revision) {}

  /**
   * The watch ended abnormally (for example, it fell behind a compaction, or the store closed).
   * No further calls follow. A {@link CompactedException} means the caller must re-read state; any
   * other error means the caller may re-watch from the revision after the last event it received.
   */
  void onError(StoreException error);
}
