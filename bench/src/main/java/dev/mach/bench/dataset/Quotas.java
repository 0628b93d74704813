package dev.mach.bench.dataset;

import java.util.SplittableRandom;

/** Splits an exact total among n participants unevenly (some heavy, most light), each capped. */
final class Quotas {

  private Quotas() {}

  static int[] split(long total, int n, int cap, SplittableRandom random) {
    if (total > (long) n * cap) {
      throw new IllegalArgumentException(
          total + " cannot be split among " + n + " capped at " + cap);
    }
    // weights fall off like 1/sqrt(rank), ranks shuffled so activity is not tied to user id
    double[] weight = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = 1.0 / Math.sqrt(i + 1);
      sum += weight[i];
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double swap = weight[i];
      weight[i] = weight[j];
      weight[j] = swap;
    }
    int[] quota = new int[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      quota[i] = (int) Math.min(cap, Math.floor(total * weight[i] / sum));
      assigned += quota[i];
    }
    // hand out what rounding and caps left, one each, round the table
    for (int i = 0; assigned < total; i = (i + 1) % n) {
      if (quota[i] < cap) {
        quota[i]++;
        assigned++;
      }
    }
    return quota;
  }
}
