package io.tidewater.simulator.faults;

import java.time.Duration;
import java.util.Map;

/**
 * The faults a simulated cluster suffers right now.
 *
 * @param unreachable whether requests to the member's API fail without an answer
 * @param latency extra time every request to the member's API takes
 * @param lostNodes per pool, how many of its nodes are lost
 */
public record FaultState(boolean unreachable, Duration latency, Map<String, Integer> lostNodes) {
  public FaultState {
    lostNodes = Map.copyOf(lostNodes);
  }

  public boolean isHealthy() {
    return !unreachable && latency.isZero() && lostNodes.isEmpty();
  }
}
