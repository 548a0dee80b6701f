package io.tidewater.scheduler.plugins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an amount over recipients in proportion to weights, capped per recipient, by the largest
 * remainder method; what a capped recipient cannot take goes to the others. Deterministic: ties go
 * to the earlier recipient.
 */
final class Apportion {
  private Apportion() {}

  /** @return how much each recipient gets; the sum is min(amount, sum of caps) */
  static long[] split(long amount, long[] weights, long[] caps) {
    int n = weights.length;
    long[] out = new long[n];
    long left = amount;
    while (left > 0) {
      long weightSum = 0;
      for (int i = 0; i < n; i++) {
        if (out[i] < caps[i] && weights[i] > 0) {
          weightSum += weights[i];
        }
      }
      if (weightSum == 0) {
        break;
      }
      long given = 0;
      List<double[]> remainders = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (out[i] >= caps[i] || weights[i] <= 0) {
          continue;
        }
        double exact = (double) left * weights[i] / weightSum;
        long share = Math.min((long) Math.floor(exact), caps[i] - out[i]);
        out[i] += share;
        given += share;
        remainders.add(new double[] {exact - Math.floor(exact), i});
      }
      left -= given;
      if (left > 0) {
        remainders.sort(Comparator.<double[]>comparingDouble(r -> -r[0]).thenComparingDouble(r -> r[1]));
        for (double[] r : remainders) {
          int i = (int) r[1];
          if (left == 0) {
            break;
          }
          if (out[i] < caps[i]) {
            out[i]++;
            left--;
            given++;
          }
        }
      }
      if (given == 0) {
        break;
      }
    }
    return out;
  }
}
