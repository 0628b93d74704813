package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Numbers.ms;
import static dev.mach.bench.report.Numbers.times;

import java.util.Arrays;
import java.util.List;

/**
 * Twenty reads sent one by one over one keep-alive connection against the same twenty in one {@code
 * POST /api/batch}, alternating iteration by iteration (see {@code BatchComparison}).
 */
record BatchSection(RunResults run) implements ReportSection {

  static final String TOOL = "client";
  static final String SEQUENTIAL = "20-sequential";
  static final String BATCHED = "batch-of-20";

  /** The bar: the batch answered at least this many times faster. */
  static final double TARGET_SPEED_UP = 5;

  @Override
  public void write(StringBuilder md) {
    md.append("## Batch requests\n\n");
    List<Measurement> sequential = rows(SEQUENTIAL);
    List<Measurement> batched = rows(BATCHED);
    if (sequential.isEmpty() || batched.isEmpty()) {
      notMeasured(md);
      return;
    }
    md.append("Twenty single-article reads (`GET /api/articles/{slug}`, twenty articles spread")
        .append(" over the dataset, signed in, response cache on) sent one after another over one")
        .append(
            " keep-alive HTTP/1.1 connection, against the same twenty in one `POST /api/batch`,")
        .append(" from one client on the load core; the two alternate, iteration by iteration,")
        .append(" after unmeasured warm-up iterations. Time per iteration (all twenty answered),")
        .append(" per round:\n\n");
    Markdown.header(
        md,
        "round",
        List.of(
            "iterations",
            "one by one: p50",
            "p99",
            "batch: p50",
            "p99",
            "speed-up (p50)",
            "speed-up (p99)",
            "failed reads"));
    double[] speedUps = new double[sequential.size()];
    int i = 0;
    for (Measurement one : sequential) {
      Measurement batch =
          batched.stream().filter(b -> b.round() == one.round()).findFirst().orElse(null);
      if (batch == null) {
        continue;
      }
      speedUps[i++] = one.p50Ms() / batch.p50Ms();
      Markdown.row(
          md,
          one.round() == Measurement.NO_ROUND ? "—" : Integer.toString(one.round()),
          Numbers.plain(one.requests()),
          ms(one.p50Ms()),
          ms(one.p99Ms()),
          ms(batch.p50Ms()),
          ms(batch.p99Ms()),
          times(one.p50Ms() / batch.p50Ms()),
          times(one.p99Ms() / batch.p99Ms()),
          Numbers.plain(one.ko() + batch.ko()));
    }
    md.append('\n');
    double[] measured = Arrays.copyOf(speedUps, i);
    double median = Numbers.median(measured);
    long met = Arrays.stream(measured).filter(s -> s >= TARGET_SPEED_UP).count();
    md.append("**Target** (a batch of 20 reads at least ")
        .append(times(TARGET_SPEED_UP))
        .append(" faster than 20 sequential requests): median speed-up ")
        .append(Double.isNaN(median) ? Markdown.NONE : times(median))
        .append(", ")
        .append(met == measured.length && measured.length > 0 ? "met (in " : "not met (met in ")
        .append(met)
        .append(" of ")
        .append(measured.length)
        .append(" rounds).\n\n");
  }

  private List<Measurement> rows(String endpoint) {
    return run.rows().stream()
        .filter(r -> r.tool().equals(TOOL) && r.endpoint().equals(endpoint))
        .toList();
  }
}
