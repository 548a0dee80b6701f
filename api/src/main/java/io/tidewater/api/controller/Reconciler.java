package io.tidewater.api.controller;

import java.time.Duration;

/** Brings the world in line with the desired state of one key. Must be idempotent. */
@FunctionalInterface
public interface Reconciler<K> {

  /** The outcome: done, or look again after a delay (polling for something that has no event). */
  record Result(Duration requeueAfter) {
    public static final Result DONE = new Result(null);

    public static Result after(Duration d) {
      return new Result(d);
    }
  }

  /** Throwing retries the key with back-off. */
  Result reconcile(K key) throws Exception;
}
