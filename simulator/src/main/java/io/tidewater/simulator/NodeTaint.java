package io.tidewater.simulator;

import java.util.List;
import java.util.Objects;

/** A taint put on every node of a pool. */
public record NodeTaint(String key, String value, String effect) {
  public static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  public NodeTaint {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
    if (!EFFECTS.contains(effect)) {
      throw new IllegalArgumentException("taint effect must be one of " + EFFECTS + ": " + effect);
    }
  }

  public static NodeTaint noSchedule(String key, String value) {
    return new NodeTaint(key, value, "NoSchedule");
  }
}
