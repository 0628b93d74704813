package dev.mach.bench.report;

import static dev.mach.bench.report.CostTable.clients;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.notMeasured;

import java.util.List;

/**
 * What observability costs cached reads: the baseline, with per-route metrics and the access log
 * on, against the configuration that switches both off, on the same wrk peaks as rate limiting (see
 * {@link CostTable} for how costs are paired and judged).
 */
record ObservabilitySection(RunResults run) implements ReportSection {

  /** The bar: metrics and access logs on may cost at most this share of the throughput. */
  static final double TARGET_COST = 0.05;

  @Override
  public void write(StringBuilder md) {
    md.append("## Observability\n\n");
    RunMeta.Config off = run.observabilityOff();
    String reference = off == null ? null : off.name();
    String baseline = run.meta().baseline();
    List<CostTable.Compared> compared =
        run.ran(baseline) && !baseline.equals(reference)
            ? List.of(new CostTable.Compared(baseline, "metrics and access log on"))
            : List.of();
    CostTable table = new CostTable(run, reference, compared, TARGET_COST);
    if (table.isEmpty()) {
      notMeasured(md);
      return;
    }
    RunMeta meta = run.meta();
    String size = meta.dataset().size() == null ? "not recorded" : code(meta.dataset().size());
    md.append("Dataset ")
        .append(size)
        .append(", configurations as in Setup: `")
        .append(reference)
        .append("` switches off the per-route metrics and the access log (a JSON line per")
        .append(" request); `")
        .append(baseline)
        .append("` has both on.");
    table.sideBySideSentence(md);
    md.append(" Cached reads at the wrk peak (closed loop, ")
        .append(table.connections())
        .append(" connections), in requests/s, from one client");
    if (table.anyManyClients()) {
      md.append(" and from ")
          .append(clients(meta))
          .append(" clients (each request with the next of ")
          .append(clients(meta))
          .append(" `X-Forwarded-For` addresses, the client the access log records)");
    }
    table.method(md);
    table.write(md, "the cost of metrics and the access log");
  }
}
