package dev.mach.bench.report;

import static dev.mach.bench.report.Endpoints.MIX;
import static dev.mach.bench.report.Markdown.NONE;
import static dev.mach.bench.report.Markdown.NOT_MEASURED;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.plain;
import static dev.mach.bench.report.Numbers.rate;
import static dev.mach.bench.report.Numbers.times;

import java.util.List;

/** The targets, each with Mach's figure, the public Java servers' and a verdict. */
record TargetsSection(RunResults run) implements ReportSection {

  /** A target of the issue: an endpoint's throughput at the SLO, with every technique on. */
  private record Target(String label, String endpoint, double goal, String peers) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target("global list", "list", 10_000, "~1,000 req/s"),
          new Target("feed", "feed", 6_000, "~600 req/s"),
          new Target("single article", "article", 50_000, "~5,000 req/s"),
          new Target("favorite toggle", "favorite", 10_000, "~3,500 req/s"));

  private static final double ALL_OFF_GOAL = 10;
  private static final double UNCACHED_LIST_GOAL = 3_000;
  private static final double TARGET_SLO_MS = 50;
  private static final String TARGET_DATASET = "medium";

  @Override
  public void write(StringBuilder md) {
    md.append("## Targets\n\n");
    RunMeta meta = run.meta();
    String baseline = meta.baseline();
    String size = meta.dataset().size() != null ? meta.dataset().size() : meta.plan();
    md.append("Each endpoint target is a throughput at the SLO with every technique on (`")
        .append(baseline)
        .append("`), on the medium dataset, with p99 ≤ ")
        .append(plain(TARGET_SLO_MS))
        .append(" ms. \"Public Java servers\" are the public Java Conduit servers measured in this")
        .append(" project before, not in this run.");
    if (!TARGET_DATASET.equalsIgnoreCase(size)) {
      md.append(" This run used the `")
          .append(size)
          .append("` dataset, so its verdicts only indicate.");
    }
    if (meta.sloP99Ms() != TARGET_SLO_MS) {
      md.append(" This run's SLO is p99 ≤ ")
          .append(plain(meta.sloP99Ms()))
          .append(" ms, and the figures below use it.");
    }
    md.append("\n\n| target | goal | Mach | public Java servers | verdict |\n")
        .append("|---|---:|---:|---:|---|\n");
    for (Target target : TARGETS) {
      Capacity capacity = run.capacity(baseline, target.endpoint());
      row(
          md,
          target.label() + " (`" + target.endpoint() + "`)",
          "≥ " + rate(target.goal()) + " req/s",
          capacity.text(false),
          target.peers(),
          verdict(capacity, target.goal()));
    }
    allOnVersusAllOff(md);
    uncachedList(md);
    md.append('\n');
  }

  private void allOnVersusAllOff(StringBuilder md) {
    String baseline = run.meta().baseline();
    RunMeta.Config allOff = allOff();
    String ratioText = NOT_MEASURED;
    String ratioVerdict = NOT_MEASURED;
    if (allOff != null) {
      Capacity on = run.capacity(baseline, MIX);
      Capacity off = run.capacity(allOff.name(), MIX);
      Ratio ratio = on.measured() && off.measured() ? Ratio.of(on, off) : null;
      if (ratio == null && on.measured() && off.measured()) {
        ratioText = "undetermined (`" + baseline + "` met the SLO at no step)";
        ratioVerdict = "undetermined";
      } else if (ratio != null) {
        ratioText = (ratio.lowerBound() ? "> " : "") + times(ratio.value()) + " (read mix at SLO)";
        if (ratio.value() >= ALL_OFF_GOAL) {
          ratioVerdict = "**met**";
        } else if (ratio.lowerBound()) {
          ratioVerdict = "undetermined (`" + allOff.name() + "` needs lower steps)";
        } else {
          ratioVerdict = "not met";
        }
      }
    }
    row(md, "all on vs all off", "≥ " + times(ALL_OFF_GOAL), ratioText, NONE, ratioVerdict);
  }

  private void uncachedList(StringBuilder md) {
    RunMeta.Config cacheOff = run.cacheOff();
    String uncachedConfig = cacheOff == null ? run.meta().baseline() : cacheOff.name();
    Capacity uncached = run.capacity(uncachedConfig, "list");
    row(
        md,
        "uncached global list on PostgreSQL (`"
            + uncachedConfig
            + "`"
            + (cacheOff == null ? ", no cache is built yet" : "")
            + ")",
        "≥ " + rate(UNCACHED_LIST_GOAL) + " req/s",
        uncached.text(false),
        "~1,000 req/s",
        verdict(uncached, UNCACHED_LIST_GOAL));
  }

  private RunMeta.Config allOff() {
    RunMeta meta = run.meta();
    return meta.configs().stream()
        .filter(c -> "all".equalsIgnoreCase(c.technique()))
        .findFirst()
        .orElseGet(() -> meta.config("all-off"));
  }

  private static String verdict(Capacity capacity, double goal) {
    if (!capacity.measured()) {
      return NOT_MEASURED;
    }
    return capacity.met() && capacity.value() >= goal ? "**met**" : "not met";
  }
}
