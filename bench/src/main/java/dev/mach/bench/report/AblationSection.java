package dev.mach.bench.report;

import static dev.mach.bench.report.Endpoints.MIX;
import static dev.mach.bench.report.Markdown.NONE;
import static dev.mach.bench.report.Markdown.NOT_MEASURED;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.rate;

import java.util.List;
import java.util.Locale;

/** What each technique is worth: the baseline against each configuration that switches one off. */
record AblationSection(RunResults run) implements ReportSection {

  @Override
  public void write(StringBuilder md) {
    md.append("## Ablation\n\n");
    String baseline = run.meta().baseline();
    List<RunMeta.Config> switched =
        run.meta().configs().stream()
            .filter(config -> config.technique() != null && !config.name().equals(baseline))
            .toList();
    boolean anyData =
        switched.stream()
            .anyMatch(
                config ->
                    run.capacity(config.name(), MIX).measured()
                        || run.wrkPeak(config.name(), "list") != null);
    if (switched.isEmpty() || !anyData) {
      notMeasured(md);
      return;
    }
    md.append("Each configuration switches one technique off (`all-off` switches off all of them).")
        .append(" A gain is how much more the baseline `")
        .append(baseline)
        .append("` does than that configuration: baseline / configuration − 1. The read mix is")
        .append(" compared at the SLO (Gatling), the global list at its wrk peak. When a")
        .append(" configuration missed the SLO at every step, its capacity is below its lowest")
        .append(" step, so the gain is a lower bound (\">\").\n\n");
    md.append(
            "| config | switched off | read mix at SLO (req/s) | gain | list peak (req/s) | gain |")
        .append(" the seed articles claim |\n|---|---|---:|---:|---:|---:|---|\n");
    Capacity baseMix = run.capacity(baseline, MIX);
    Measurement baseList = run.wrkPeak(baseline, "list");
    row(
        md,
        code(baseline) + " (baseline)",
        "nothing",
        baseMix.text(false),
        NONE,
        baseList == null ? NOT_MEASURED : rate(baseList.rps()),
        NONE,
        NONE);
    for (RunMeta.Config config : switched) {
      Capacity mix = run.capacity(config.name(), MIX);
      Measurement list = run.wrkPeak(config.name(), "list");
      row(
          md,
          code(config.name()),
          config.technique(),
          mix.text(false),
          mix.measured() ? Ratio.gain(Ratio.of(baseMix, mix)) : NONE,
          list == null ? NOT_MEASURED : rate(list.rps()),
          list == null ? NONE : Ratio.gain(Ratio.ofPeaks(baseList, list)),
          claim(config.technique()));
    }
    md.append('\n');
    if (run.cacheOff() == null) {
      md.append("Caching, which the seed articles credit with ~60% lower response time, is not")
          .append(" built yet, so it has no row.\n\n");
    }
    md.append("The articles' figures come from other stacks and mostly speak of response time;")
        .append(" they sit beside ours for comparison, not as a prediction.\n\n");
  }

  /** What the seed articles claim for a technique; none for batching (N+1). */
  static String claim(String technique) {
    String t = technique == null ? "" : technique.toLowerCase(Locale.ROOT);
    if (t.equals("all")) {
      return "~40% overall";
    }
    if (t.contains("index")) {
      return "~30% faster";
    }
    if (t.contains("virtual") || t.contains("async")) {
      return "~50% faster (async)";
    }
    if (t.contains("cach") || t.contains("redis")) {
      return "~60% lower response time (Redis cache)";
    }
    if (t.contains("batch") || t.contains("n+1")) {
      return NONE + " (none claimed)";
    }
    return NONE;
  }
}
