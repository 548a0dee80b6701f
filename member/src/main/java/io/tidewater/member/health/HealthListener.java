package io.tidewater.member.health;

/**
 * Told when a member turns Ready or NotReady. Called on the member's probe thread: return quickly
 * (queue work elsewhere), or the next probe waits.
 */
@FunctionalInterface
public interface HealthListener {
  void onTransition(String cluster, MemberHealth previous, MemberHealth current);
}
