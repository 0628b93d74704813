package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.NONE;
import static dev.mach.bench.report.Markdown.NOT_MEASURED;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.header;
import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.errorPercent;
import static dev.mach.bench.report.Numbers.ms;
import static dev.mach.bench.report.Numbers.rate;
import static dev.mach.bench.report.Numbers.share;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Each endpoint's closed-loop peak per configuration, against the nginx ceiling. */
record PeakSection(RunResults run) implements ReportSection {

  @Override
  public void write(StringBuilder md) {
    md.append("## Peak (wrk)\n\n");
    Predicate<Measurement> closedLoop =
        row -> row.tool().equals(Measurement.WRK) || row.tool().equals(Measurement.NGINX);
    List<String> endpoints = run.endpoints(closedLoop);
    if (endpoints.isEmpty()) {
      notMeasured(md);
      return;
    }
    List<String> configs =
        run.configOrder().stream()
            .filter(
                config ->
                    run.rows().stream()
                        .anyMatch(
                            row ->
                                row.tool().equals(Measurement.WRK) && row.config().equals(config)))
            .toList();
    md.append("Closed loop, wrk with ")
        .append(run.connections(closedLoop))
        .append(" connections; where a cell has several runs, the fastest is shown. Each cell:")
        .append(" requests/s, then p99 in ms in parentheses.\n\n");
    String baseline = run.meta().baseline();
    List<String> columns = new ArrayList<>(configs.stream().map(Markdown::code).toList());
    columns.add("nginx ceiling");
    columns.add(code(baseline) + " / ceiling");
    header(md, "endpoint", columns);
    double maxErrorRate = run.meta().maxErrorRate();
    for (String endpoint : endpoints) {
      List<String> cells = new ArrayList<>();
      cells.add(code(endpoint));
      for (String config : configs) {
        cells.add(cell(run.wrkPeak(config, endpoint), maxErrorRate));
      }
      Measurement ceiling = run.peak(Measurement.NGINX, null, endpoint);
      cells.add(cell(ceiling, maxErrorRate));
      Ratio ofCeiling = Ratio.ofPeaks(run.wrkPeak(baseline, endpoint), ceiling);
      cells.add(ofCeiling == null ? NONE : share(ofCeiling.value()));
      row(md, cells);
    }
    md.append('\n');
    if (endpoints.stream().anyMatch(endpoint -> endpoint.endsWith(Endpoints.GZIP_SUFFIX))) {
      md.append("A `+gzip` row is the same request sent with `Accept-Encoding: gzip`; the other")
          .append(" rows send no `Accept-Encoding`, so they get uncompressed bodies. The ceiling")
          .append(" serves uncompressed bytes only.\n\n");
    }
    if (endpoints.stream().anyMatch(endpoint -> endpoint.endsWith(Endpoints.CLIENTS_SUFFIX))) {
      md.append("A `+clients` row is the same request sent from ")
          .append(CostTable.clients(run.meta()))
          .append(" client addresses in turn (each with an `X-Forwarded-For` address, which the")
          .append(" server believes from the load generator), so the rate limiter keeps one bucket")
          .append(" per address; the other rows come from one address, one bucket.\n\n");
    }
  }

  /** A peak as a cell: requests/s and p99, flagged when its errors reach the bound. */
  static String cell(Measurement peak, double maxErrorRate) {
    if (peak == null) {
      return NOT_MEASURED;
    }
    String cell = rate(peak.rps()) + " (" + ms(peak.p99Ms()) + ")";
    double errors = peak.errorRate();
    if (errors >= maxErrorRate) {
      cell += " ⚠ " + errorPercent(errors) + " errors";
    }
    return cell;
  }
}
