package io.tidewater.member.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Receives a member informer's events, one at a time and in order, on the subscription's own
 * thread: a slow listener delays only itself, never the informer or other subscribers.
 */
@FunctionalInterface
public interface MemberEventListener<T extends HasMetadata> {
  void onEvent(MemberEvent<T> event);

  /**
   * Called once, after the ADDED events that replay the synced cache: from here on the listener
   * has seen the member's complete state, so acting on what it built is safe.
   */
  default void onSynced() {}
}
