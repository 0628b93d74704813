package dev.mach.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configuration's cost against a reference from runs measured side by side in rounds: each round
 * that has a run of both gives one cost, 1 − configuration / reference. Runs of different rounds
 * are never compared, so drift between rounds (the machine is shared) does not count as cost.
 *
 * @param costs the per-round costs, by round
 */
record RoundCosts(List<Double> costs) {

  RoundCosts {
    costs = List.copyOf(costs);
  }

  /**
   * Pairs the runs by round. Runs without a round or a finite rate are left out; a round with
   * several runs of one configuration takes its fastest (the harness makes one per round).
   */
  static RoundCosts of(List<Measurement> reference, List<Measurement> config) {
    Map<Integer, Double> base = fastestByRound(reference);
    Map<Integer, Double> other = fastestByRound(config);
    List<Double> costs = new ArrayList<>();
    base.forEach(
        (round, rate) -> {
          Double rate2 = other.get(round);
          if (rate2 != null && rate > 0) {
            costs.add(1 - rate2 / rate);
          }
        });
    return new RoundCosts(costs);
  }

  private static Map<Integer, Double> fastestByRound(List<Measurement> runs) {
    Map<Integer, Double> fastest = new TreeMap<>();
    for (Measurement run : runs) {
      if (run.inRound() && Double.isFinite(run.rps())) {
        fastest.merge(run.round(), run.rps(), Math::max);
      }
    }
    return fastest;
  }

  /** How many rounds paired a run of each. */
  int pairs() {
    return costs.size();
  }

  boolean isEmpty() {
    return costs.isEmpty();
  }

  /** The median per-round cost (the mean of the middle two for an even count); NaN without any. */
  double median() {
    return Numbers.median(costs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  double min() {
    return costs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double max() {
    return costs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Whether some rounds' costs are within {@code target} and others above it. */
  boolean straddles(double target) {
    return !costs.isEmpty() && min() <= target && max() > target;
  }
}
