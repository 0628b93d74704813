package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.NONE;

import java.util.Locale;

/** A baseline-over-configuration ratio; a lower bound when the configuration met no step. */
record Ratio(double value, boolean lowerBound) {

  /** The ratio of two throughputs at the SLO, or null when they cannot be compared. */
  static Ratio of(Capacity baseline, Capacity config) {
    if (!baseline.met() || !config.measured()) {
      return null;
    }
    if (config.met()) {
      return config.value() > 0 ? new Ratio(baseline.value() / config.value(), false) : null;
    }
    return config.lowestOffered() > 0
        ? new Ratio(baseline.value() / config.lowestOffered(), true)
        : null;
  }

  /** The ratio of two closed-loop peaks, or null when either is missing or empty. */
  static Ratio ofPeaks(Measurement baseline, Measurement config) {
    if (baseline == null || config == null || !(config.rps() > 0) || Double.isNaN(baseline.rps())) {
      return null;
    }
    return new Ratio(baseline.rps() / config.rps(), false);
  }

  /** How much more the baseline does, e.g. +300%; a dash without a ratio. */
  static String gain(Ratio ratio) {
    if (ratio == null) {
      return NONE;
    }
    double percent = (ratio.value() - 1) * 100;
    return (ratio.lowerBound() ? "> " : "") + String.format(Locale.ROOT, "%+,.0f%%", percent);
  }
}
