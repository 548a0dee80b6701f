package io.tidewater.api.kinds;

import java.util.List;
import java.util.function.UnaryOperator;

/** Null-safe helpers for defaulting functions, which rebuild records instead of mutating them. */
public final class Defaulting {
  private Defaulting() {}

  /** {@code value}, or {@code fallback} when value is null. */
  public static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** {@code value}, or {@code fallback} when value is null or empty. */
  public static String orText(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** Applies {@code f} when {@code value} is not null. */
  public static <T> T ifSet(T value, UnaryOperator<T> f) {
    return value == null ? null : f.apply(value);
  }

  /** Applies {@code f} to each element, keeping null lists null. */
  public static <T> List<T> each(List<T> list, UnaryOperator<T> f) {
    return list == null ? null : list.stream().map(f).toList();
  }
}
