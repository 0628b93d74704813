package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.NONE;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.header;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.change;
import static dev.mach.bench.report.Numbers.lowerOrHigher;
import static dev.mach.bench.report.Numbers.ms;
import static dev.mach.bench.report.Numbers.plain;
import static dev.mach.bench.report.Numbers.rate;
import static dev.mach.bench.report.Numbers.times;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Two cache configurations side by side, {@code other} against the reference {@code base}: latency
 * at the same offered load, then the wrk peaks.
 */
record CacheComparison(RunResults run, String base, String other, String what) {

  /** The steps of both configurations at one offered rate. */
  private record SameLoad(Measurement base, Measurement other) {}

  void write(StringBuilder md) {
    md.append("### `")
        .append(other)
        .append("` against `")
        .append(base)
        .append("`: ")
        .append(what)
        .append("\n\n");
    SameLoad mix = latencies(md);
    peaks(md);
    beside(md, mix);
  }

  /** Writes the latency table and returns the read mix's steps, or null. */
  private SameLoad latencies(StringBuilder md) {
    List<String> scenarios =
        run.endpoints(row -> row.tool().equals(Measurement.GATLING)).stream()
            .filter(e -> !run.gatling(base, e).isEmpty() && !run.gatling(other, e).isEmpty())
            .toList();
    if (scenarios.isEmpty()) {
      md.append("No Gatling scenario ran under both.\n\n");
      return null;
    }
    header(
        md,
        "scenario",
        List.of(
            "offered (req/s)",
            code(base) + " p50 / p95 / p99 (ms)",
            code(other) + " p50 / p95 / p99 (ms)",
            "change p50 / p95 / p99"));
    SameLoad mix = null;
    for (String scenario : scenarios) {
      SameLoad pair = sameLoad(scenario);
      if (pair == null) {
        row(
            md,
            code(scenario),
            NONE,
            "no offered rate at which both ran with errors below "
                + plain(run.meta().maxErrorRate() * 100)
                + "%",
            NONE,
            NONE);
        continue;
      }
      if (scenario.equals(Endpoints.MIX)) {
        mix = pair;
      }
      Measurement from = pair.base();
      Measurement to = pair.other();
      row(
          md,
          code(scenario),
          rate(from.offered()),
          latencies(from),
          latencies(to),
          change(to.p50Ms(), from.p50Ms())
              + " / "
              + change(to.p95Ms(), from.p95Ms())
              + " / "
              + change(to.p99Ms(), from.p99Ms()));
    }
    md.append('\n');
    return mix;
  }

  private void peaks(StringBuilder md) {
    List<String> endpoints =
        run.endpoints(row -> row.tool().equals(Measurement.WRK)).stream()
            .filter(e -> run.wrkPeak(base, e) != null && run.wrkPeak(other, e) != null)
            .toList();
    if (endpoints.isEmpty()) {
      md.append("No wrk peak ran under both.\n\n");
      return;
    }
    header(
        md,
        "endpoint",
        List.of(code(base) + " peak (req/s)", code(other) + " peak (req/s)", "ratio"));
    double maxErrorRate = run.meta().maxErrorRate();
    for (String endpoint : endpoints) {
      Measurement from = run.wrkPeak(base, endpoint);
      Measurement to = run.wrkPeak(other, endpoint);
      row(
          md,
          code(endpoint),
          PeakSection.cell(from, maxErrorRate),
          PeakSection.cell(to, maxErrorRate),
          from.rps() > 0 && Double.isFinite(to.rps()) ? times(to.rps() / from.rps()) : NONE);
    }
    md.append('\n');
  }

  /** Our figures beside the seed article's, which compare with no cache at all. */
  private void beside(StringBuilder md, SameLoad mix) {
    RunMeta.Config off = run.cacheOff();
    Measurement listBase = run.wrkPeak(base, "list");
    Measurement listOther = run.wrkPeak(other, "list");
    if (off == null || !base.equals(off.name()) || (mix == null && listOther == null)) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (mix != null) {
      parts.add(
          "at the same offered load ("
              + rate(mix.base().offered())
              + " req/s) the read mix's median is "
              + lowerOrHigher(mix.other().p50Ms(), mix.base().p50Ms())
              + " and its p99 "
              + lowerOrHigher(mix.other().p99Ms(), mix.base().p99Ms()));
    }
    if (listBase != null && listOther != null && listBase.rps() > 0) {
      parts.add(
          "the global list's wrk peak is "
              + times(listOther.rps() / listBase.rps())
              + " that of `"
              + base
              + "`");
    }
    md.append("Beside the seed article's claim (\"~60% lower response times\" from a Redis")
        .append(" cache, on another stack): with `")
        .append(other)
        .append("`, ")
        .append(String.join(", and ", parts))
        .append(".\n\n");
  }

  /**
   * The steps of both configurations at the highest offered rate at which both ran with errors
   * below the bound; null when there is none.
   */
  private SameLoad sameLoad(String endpoint) {
    Predicate<Measurement> clean = step -> step.errorRate() < run.meta().maxErrorRate();
    List<Measurement> baseSteps = run.gatling(base, endpoint).stream().filter(clean).toList();
    List<Measurement> otherSteps = run.gatling(other, endpoint).stream().filter(clean).toList();
    for (Measurement step : otherSteps.reversed()) {
      for (Measurement candidate : baseSteps.reversed()) {
        if (candidate.offered() == step.offered()) {
          return new SameLoad(candidate, step);
        }
      }
    }
    return null;
  }

  private String latencies(Measurement step) {
    String text = ms(step.p50Ms()) + " / " + ms(step.p95Ms()) + " / " + ms(step.p99Ms());
    return run.meetsSlo(step) ? text : text + " (over SLO)";
  }
}
