package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.errorPercent;
import static dev.mach.bench.report.Numbers.ms;
import static dev.mach.bench.report.Numbers.rate;

import java.util.ArrayList;
import java.util.List;

/** Each endpoint's Gatling steps under the baseline, held against the SLO. */
record PerEndpointSection(RunResults run) implements ReportSection {

  @Override
  public void write(StringBuilder md) {
    String baseline = run.meta().baseline();
    md.append("## Per endpoint (`").append(baseline).append("`, Gatling)\n\n");
    List<String> endpoints =
        run.endpoints(
            row -> row.tool().equals(Measurement.GATLING) && row.config().equals(baseline));
    if (endpoints.isEmpty()) {
      notMeasured(md);
      return;
    }
    for (String endpoint : endpoints) {
      endpoint(md, baseline, endpoint);
    }
  }

  private void endpoint(StringBuilder md, String baseline, String endpoint) {
    md.append("### `").append(endpoint).append('`');
    String description = Endpoints.description(endpoint);
    if (description != null) {
      md.append(": ").append(description);
    }
    md.append("\n\n");
    Capacity capacity = run.capacity(baseline, endpoint);
    md.append("| offered (req/s) | achieved (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | errors |")
        .append(" SLO |\n|---:|---:|---:|---:|---:|---:|---|\n");
    for (Measurement step : run.gatling(baseline, endpoint)) {
      row(
          md,
          rate(step.offered()),
          rate(step.rps()),
          ms(step.p50Ms()),
          ms(step.p95Ms()),
          ms(step.p99Ms()),
          errorPercent(step.errorRate()),
          verdict(step, capacity));
    }
    md.append("\nThroughput at the SLO: ").append(capacity.text(true)).append(".\n\n");
  }

  private String verdict(Measurement step, Capacity capacity) {
    if (step == capacity.step()) {
      return "met: **throughput at the SLO**";
    }
    return run.meetsSlo(step) ? "met" : failure(step);
  }

  /** Why a step missed the SLO. */
  private String failure(Measurement step) {
    List<String> reasons = new ArrayList<>();
    if (Double.isNaN(step.p99Ms())) {
      reasons.add("no p99");
    } else if (step.p99Ms() > run.meta().sloP99Ms()) {
      reasons.add("p99 over");
    }
    double errors = step.errorRate();
    if (Double.isNaN(errors)) {
      reasons.add("no error count");
    } else if (errors >= run.meta().maxErrorRate()) {
      reasons.add("errors over");
    }
    return "missed (" + String.join(", ", reasons) + ")";
  }
}
