package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.notMeasured;

/** The latency-against-load chart of the read mix, and the section that shows it. */
record ChartSection(RunResults run) implements ReportSection {

  String svg() {
    return LatencyChart.svg(
        "Read mix: p99 latency against offered load", run.mixSeries(), run.meta().sloP99Ms());
  }

  @Override
  public void write(StringBuilder md) {
    md.append("## Chart\n\n");
    if (run.mixSeries().stream().allMatch(series -> series.points().isEmpty())) {
      notMeasured(md);
      return;
    }
    md.append("![p99 latency against offered load, read mix, one line per configuration](")
        .append(ReportWriter.CHART)
        .append(")\n\np99 latency (log scale) of the read mix against the offered rate, one line")
        .append(" per configuration; the dashed line is the SLO.\n\n");
  }
}
