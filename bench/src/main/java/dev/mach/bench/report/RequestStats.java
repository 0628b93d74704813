package dev.mach.bench.report;

import java.util.Collections;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of a Gatling report's statistics table: the whole run ({@code All Requests}) or one
 * request name. Response times are in milliseconds over all answers, OK and KO alike, as Gatling
 * reports them; a statistic Gatling printed as {@code -} is {@link Double#NaN}.
 *
 * @param name the request name, or {@code All Requests} for the whole run
 * @param count requests sent
 * @param ok requests that passed their checks
 * @param ko requests that failed (a non-2xx answer, a timeout, a refused connection...)
 * @param meanRequestsPerSecond Gatling's mean rate over the run (its "Cnt/s", two decimals)
 * @param minMs fastest answer
 * @param percentilesMs the percentiles the run tracked (50, 75, 95 and 99 by default), by rank
 * @param maxMs slowest answer
 * @param meanMs mean answer time
 * @param stdDevMs standard deviation of the answer times
 */
public record RequestStats(
    String name,
    long count,
    long ok,
    long ko,
    double meanRequestsPerSecond,
    double minMs,
    SortedMap<Double, Double> percentilesMs,
    double maxMs,
    double meanMs,
    double stdDevMs) {

  public RequestStats {
    percentilesMs = Collections.unmodifiableSortedMap(new TreeMap<>(percentilesMs));
  }

  /** KO over all requests, between 0 and 1 (0 for a row without requests). */
  public double errorRate() {
    return count == 0 ? 0 : (double) ko / count;
  }

  /** The given percentile (for example 99 or 99.9) if the run tracked it. */
  public OptionalDouble percentile(double rank) {
    Double value = percentilesMs.get(rank);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** Median answer time, NaN if the run did not track it. */
  public double p50() {
    return percentileOrNaN(50);
  }

  /** 75th percentile, NaN if the run did not track it. */
  public double p75() {
    return percentileOrNaN(75);
  }

  /** 95th percentile, NaN if the run did not track it. */
  public double p95() {
    return percentileOrNaN(95);
  }

  /** 99th percentile, NaN if the run did not track it. */
  public double p99() {
    return percentileOrNaN(99);
  }

  private double percentileOrNaN(double rank) {
    return percentile(rank).orElse(Double.NaN);
  }
}
