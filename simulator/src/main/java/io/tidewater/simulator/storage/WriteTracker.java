package io.tidewater.simulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The writes of one reconcile: remembers the highest revision written so the reconcile can wait,
 * before it ends, until the caches show everything it did.
 */
public final class WriteTracker {
  private final MemberStorages storages;
  private long highest;

  public WriteTracker(MemberStorages storages) {
    this.storages = storages;
  }

  /** Notes a write's result and returns it. */
  public ObjectNode wrote(ObjectNode written) {
    highest = Math.max(highest, MemberStorages.revisionOf(written));
    return written;
  }

  /** Waits until the caches show every write noted; throws if they do not in time, so the reconcile is retried. */
  public void awaitVisible() {
    if (highest > 0 && !storages.awaitVisible(highest)) {
      throw new IllegalStateException("the caches did not reach revision " + highest + " in time");
    }
  }
}
