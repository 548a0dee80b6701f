package io.tidewater.api.snapshot;

/** A node taint; {@code value} is "" when the taint has none. */
public record NodeTaint(String key, String value, String effect) {
  public NodeTaint {
    value = value == null ? "" : value;
  }
}
