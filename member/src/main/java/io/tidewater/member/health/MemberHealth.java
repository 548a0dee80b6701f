package io.tidewater.member.health;

import java.time.Instant;

/**
 * What the last probes said about a member's API server.
 *
 * @param reason a CamelCase reason: {@code Probing}, {@code ReadyzOk}, {@code ReadyzFailed},
 *     {@code Unreachable}
 * @param lastProbeTime when the last probe finished, or null before the first
 * @param lastTransitionTime when {@code state} last changed
 * @param kubernetesVersion the member's {@code gitVersion} from {@code /version}, once known
 */
public record MemberHealth(
    State state, String reason, String message, Instant lastProbeTime, Instant lastTransitionTime, String kubernetesVersion) {

  public enum State {
    UNKNOWN,
    READY,
    NOT_READY
  }

  public static MemberHealth unknown(Instant now) {
    return new MemberHealth(State.UNKNOWN, "Probing", "no probe has finished yet", null, now, null);
  }

  public boolean isReady() {
    return state == State.READY;
  }
}
