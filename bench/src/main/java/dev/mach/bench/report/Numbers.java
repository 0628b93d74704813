package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.NONE;
import static dev.mach.bench.report.Markdown.NOT_MEASURED;

import java.util.Locale;

/** How the report writes numbers: in the root locale, so that a report reads the same anywhere. */
final class Numbers {

  private Numbers() {}

  /** A rate: whole numbers with thousands separators from 100 up, else up to two decimals. */
  static String rate(double value) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return plain(value);
  }

  /** Milliseconds: two decimals below 10, one below 100, whole numbers above. */
  static String ms(double value) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    if (value < 10) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (value < 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** An error rate (0..1) in percent with two decimals. */
  static String errorPercent(double rate) {
    return Double.isNaN(rate) ? NONE : String.format(Locale.ROOT, "%.2f%%", rate * 100);
  }

  static String share(double fraction) {
    double percent = fraction * 100;
    return String.format(Locale.ROOT, percent < 1 ? "%.1f%%" : "%.0f%%", percent);
  }

  static String times(double ratio) {
    return String.format(Locale.ROOT, ratio < 10 ? "%.1f×" : "%,.0f×", ratio);
  }

  /** The signed change of {@code value} against {@code reference}, e.g. -62%; — without both. */
  static String change(double value, double reference) {
    if (!Double.isFinite(value) || !(reference > 0)) {
      return NONE;
    }
    long percent = Math.round((value / reference - 1) * 100);
    return percent == 0 ? "0%" : String.format(Locale.ROOT, "%+,d%%", percent);
  }

  /** "62% lower" or "5% higher" for {@code value} against {@code reference}. */
  static String lowerOrHigher(double value, double reference) {
    if (!Double.isFinite(value) || !(reference > 0)) {
      return NOT_MEASURED;
    }
    long percent = Math.round((value / reference - 1) * 100);
    if (percent == 0) {
      return "unchanged";
    }
    return String.format(
        Locale.ROOT, "%,d%% %s", Math.abs(percent), percent < 0 ? "lower" : "higher");
  }

  /** A byte count with thousands separators. */
  static String bytes(double value) {
    return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A number with at most two decimals and no trailing zeros, e.g. 50, 0.1, 12.5. */
  static String plain(double value) {
    String text = String.format(Locale.ROOT, "%,.2f", value);
    return text.contains(".") ? text.replaceAll("\\.?0+$", "") : text;
  }

  /** The median (the mean of the middle two for an even count); NaN for none. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
