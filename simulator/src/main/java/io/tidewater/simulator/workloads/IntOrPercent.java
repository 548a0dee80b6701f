package io.tidewater.simulator.workloads;

import com.fasterxml.jackson.databind.JsonNode;

/** Kubernetes' {@code intstr.GetScaledValueFromIntOrPercent}: an int, or a percent of a total rounded up or down. */
public final class IntOrPercent {
  private IntOrPercent() {}

  public static int scaled(JsonNode value, int total, boolean roundUp, int fallback) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return fallback;
    }
    if (value.isIntegralNumber()) {
      return value.asInt();
    }
    String s = value.asText().trim();
    if (s.endsWith("%")) {
      int percent = Integer.parseInt(s.substring(0, s.length() - 1));
      long scaled = (long) percent * total;
      return (int) (roundUp ? Math.ceilDiv(scaled, 100L) : Math.floorDiv(scaled, 100L));
    }
    return Integer.parseInt(s);
  }
}
