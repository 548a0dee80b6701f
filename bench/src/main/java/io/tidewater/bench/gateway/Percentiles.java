package io.tidewater.bench.gateway;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples. */
public record Percentiles(int count, double p50, double p90, double p99, double max) {

  public static Percentiles of(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    return new Percentiles(s.length, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99), s.length == 0 ? Double.NaN : s[s.length - 1]);
  }

  private static double rank(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  public String format(String unit) {
    return String.format("n=%d p50=%.1f%s p90=%.1f%s p99=%.1f%s max=%.1f%s", count, p50, unit, p90, unit, p99, unit, max, unit);
  }
}
