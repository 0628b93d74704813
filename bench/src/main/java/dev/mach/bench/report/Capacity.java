package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.NOT_MEASURED;
import static dev.mach.bench.report.Numbers.rate;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The throughput at the SLO of one configuration on one endpoint, from its Gatling steps.
 *
 * @param measured whether there is any step
 * @param step the step with the highest offered rate that met the SLO, or null
 * @param lowestOffered the lowest offered rate among the steps (NaN without steps)
 */
record Capacity(boolean measured, Measurement step, double lowestOffered) {

  static Capacity of(List<Measurement> steps, Predicate<Measurement> meetsSlo) {
    Measurement best =
        steps.stream()
            .filter(meetsSlo)
            .max(
                Comparator.comparingDouble(Measurement::offered)
                    .thenComparingDouble(Measurement::rate))
            .orElse(null);
    double lowest =
        steps.stream()
            .mapToDouble(Measurement::offered)
            .filter(Double::isFinite)
            .min()
            .orElse(Double.NaN);
    return new Capacity(!steps.isEmpty(), best, lowest);
  }

  boolean met() {
    return step != null;
  }

  double value() {
    return step.rate();
  }

  /** As a cell; {@code withOffered} puts it in bold and adds the offered rate it was reached at. */
  String text(boolean withOffered) {
    if (!measured) {
      return NOT_MEASURED;
    }
    if (!met()) {
      return "none: every step missed the SLO (lowest offered " + rate(lowestOffered) + " req/s)";
    }
    String text = (withOffered ? "**" : "") + rate(value()) + " req/s";
    if (withOffered) {
      text += "** (offered " + rate(step.offered()) + " req/s)";
    }
    return text;
  }
}
