package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Numbers.errorPercent;
import static dev.mach.bench.report.Numbers.ms;
import static dev.mach.bench.report.Numbers.rate;
import static dev.mach.bench.report.Numbers.times;

import java.util.List;
import java.util.Objects;

/**
 * The feed with fan-out on (the baseline) and off, for readers who follow 10, 1,000 and 5,000
 * authors, at one constant arrival rate, the two servers side by side and measured in turns.
 */
record FeedSection(RunResults run) implements ReportSection {

  static final String TOOL = "feed";
  static final String FAN_OUT_OFF = "fan-out-off";

  /** The bar: p99 at most this, at {@link #TARGET_RATE}, for the 5,000-author reader. */
  static final double TARGET_P99_MS = 20;

  static final double TARGET_RATE = 1000;
  static final String TARGET_READER = "feed-5000";

  @Override
  public void write(StringBuilder md) {
    md.append("## Feed fan-out\n\n");
    List<Measurement> rows = run.rows().stream().filter(r -> r.tool().equals(TOOL)).toList();
    String on = run.meta().baseline();
    if (rows.isEmpty()) {
      notMeasured(md);
      return;
    }
    List<String> readers =
        rows.stream()
            .map(Measurement::endpoint)
            .distinct()
            .sorted((a, b) -> Integer.compare(followees(a), followees(b)))
            .toList();
    md.append(
            "`GET /api/articles/feed` (first page) for one reader at a time, Gatling's open model")
        .append(" at a constant arrival rate, with timelines written on publish and follow (")
        .append(code(on))
        .append(", fan-out on) and with the pull query (")
        .append(code(FAN_OUT_OFF))
        .append("). Both servers ran at once on the same database and core, and took turns: each")
        .append(" row is the median over rounds of each round's figures, the range in brackets.")
        .append(" The readers are the dataset's last users, made to follow that many authors")
        .append(" chosen at random (through the API).\n\n");
    Markdown.header(
        md,
        "reader follows",
        List.of(
            "rate (req/s)",
            "fan-out on: p50",
            "p99",
            "fan-out off: p50",
            "p99",
            "p99 off / on",
            "errors on / off",
            "rounds"));
    for (String reader : readers) {
      var onRows = rows(rows, on, reader);
      var offRows = rows(rows, FAN_OUT_OFF, reader);
      Markdown.row(
          md,
          String.format("%,d authors", followees(reader)),
          rate(median(onRows, Measurement::offered)),
          ms(median(onRows, Measurement::p50Ms)),
          withRange(onRows, Measurement::p99Ms),
          ms(median(offRows, Measurement::p50Ms)),
          withRange(offRows, Measurement::p99Ms),
          ratio(onRows, offRows),
          errorPercent(median(onRows, Measurement::errorRate))
              + " / "
              + errorPercent(median(offRows, Measurement::errorRate)),
          Integer.toString(Math.min(onRows.size(), offRows.size())));
    }
    md.append('\n');
    target(md, rows(rows, on, TARGET_READER));
  }

  private static void target(StringBuilder md, List<Measurement> onRows) {
    md.append("**Target** (p99 ≤ ")
        .append(ms(TARGET_P99_MS))
        .append(" ms at ")
        .append(rate(TARGET_RATE))
        .append(" req/s for the reader of 5,000 authors, fan-out on): ");
    List<Measurement> atRate = onRows.stream().filter(r -> r.offered() >= TARGET_RATE).toList();
    if (atRate.isEmpty()) {
      md.append("not measured.\n\n");
      return;
    }
    long met =
        atRate.stream().filter(r -> r.p99Ms() <= TARGET_P99_MS && r.errorRate() < 0.001).count();
    double worst = atRate.stream().mapToDouble(Measurement::p99Ms).max().orElse(Double.NaN);
    md.append(met == atRate.size() ? "met (in " : "not met (met in ")
        .append(met)
        .append(" of ")
        .append(atRate.size())
        .append(" rounds; worst p99 ")
        .append(ms(worst))
        .append(" ms).\n\n");
  }

  private static int followees(String endpoint) {
    try {
      return Integer.parseInt(endpoint.substring(endpoint.indexOf('-') + 1));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static List<Measurement> rows(List<Measurement> rows, String config, String reader) {
    return rows.stream()
        .filter(r -> Objects.equals(r.config(), config) && r.endpoint().equals(reader))
        .toList();
  }

  private static double median(
      List<Measurement> rows, java.util.function.ToDoubleFunction<Measurement> value) {
    return Numbers.median(rows.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray());
  }

  private static String withRange(
      List<Measurement> rows, java.util.function.ToDoubleFunction<Measurement> value) {
    double[] values = rows.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
    if (values.length == 0) {
      return Markdown.NONE;
    }
    String median = ms(Numbers.median(values));
    if (values.length == 1) {
      return median;
    }
    double min = java.util.Arrays.stream(values).min().orElseThrow();
    double max = java.util.Arrays.stream(values).max().orElseThrow();
    return median + " (" + ms(min) + "–" + ms(max) + ")";
  }

  /** Per round, off's p99 over on's; the median of those. */
  private static String ratio(List<Measurement> on, List<Measurement> off) {
    double[] ratios =
        on.stream()
            .flatMap(
                a ->
                    off.stream()
                        .filter(b -> b.round() == a.round())
                        .map(b -> b.p99Ms() / a.p99Ms()))
            .mapToDouble(Double::doubleValue)
            .filter(Double::isFinite)
            .toArray();
    return ratios.length == 0 ? Markdown.NONE : times(Numbers.median(ratios));
  }
}
