package dev.mach.bench.report;

import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The machine, software, dataset and SLO of the run, its configurations, and how to read it. */
record SetupSection(RunMeta meta) implements ReportSection {

  private static final String NOT_RECORDED = "not recorded";

  @Override
  public void write(StringBuilder md) {
    md.append("## Setup\n\n| | |\n|---|---|\n");
    row(md, "machine", machine());
    row(md, "JDK", recorded(meta.jdk()));
    row(md, "database", recorded(meta.database()));
    if (meta.redis() != null) {
      row(md, "Redis", meta.redis());
    }
    row(md, "dataset", dataset());
    row(md, "pinning", recorded(meta.pinning()));
    row(md, "load", recorded(meta.load()));
    row(md, "server JVM", recorded(meta.serverJvm()));
    if (meta.serverArgs() != null) {
      row(md, "server arguments (every config, before its own)", meta.serverArgs());
    }
    row(md, "SLO", slo() + " of requests");
    md.append('\n');
    configs(md);
    md.append(
            "How to read it. Gatling steps are an open model: requests arrive at the offered rate")
        .append(" whatever the server does, so queueing shows in the latency. The **throughput at")
        .append(" the SLO** is the highest measured rate at which ")
        .append(slo())
        .append(". wrk runs are closed loop (a fixed number of connections, each sending as soon")
        .append(" as it has its answer): they find the peak rate, at whatever latency that costs.")
        .append(" The ceiling is wrk against nginx serving the same response bytes from a file,")
        .append(" pinned like the server: the fastest this machine answers those requests.\n\n");
  }

  private String machine() {
    RunMeta.Machine machine = meta.machine();
    List<String> parts = new ArrayList<>();
    if (machine.cpus() != null) {
      parts.add(machine.cpus() + " CPUs");
    }
    if (machine.cpuModel() != null) {
      parts.add(machine.cpuModel());
    }
    if (machine.memory() != null) {
      parts.add(machine.memory() + " memory");
    }
    if (machine.kernel() != null) {
      parts.add("kernel " + machine.kernel());
    }
    return parts.isEmpty() ? NOT_RECORDED : String.join(", ", parts);
  }

  private String dataset() {
    RunMeta.Dataset dataset = meta.dataset();
    String size = dataset.size() == null ? "size not recorded" : code(dataset.size());
    if (dataset.seed() != null) {
      size += ", seed " + dataset.seed();
    }
    if (dataset.counts().isEmpty()) {
      return size + ", counts not recorded";
    }
    return size
        + ": "
        + dataset.counts().entrySet().stream()
            .map(count -> String.format(Locale.ROOT, "%,d %s", count.getValue(), count.getKey()))
            .collect(Collectors.joining(", "));
  }

  private String slo() {
    return "p99 ≤ "
        + plain(meta.sloP99Ms())
        + " ms and errors < "
        + plain(meta.maxErrorRate() * 100)
        + "%";
  }

  private void configs(StringBuilder md) {
    md.append("| config | switches off | started with |\n|---|---|---|\n");
    for (RunMeta.Config config : meta.configs()) {
      String name = code(config.name());
      if (config.name().equals(meta.baseline())) {
        name += " (baseline)";
      }
      row(
          md,
          name,
          config.technique() != null
              ? config.technique()
              : config.adds() == null ? "nothing" : "nothing; adds " + config.adds(),
          config.args() == null ? NOT_RECORDED : config.args());
    }
    md.append('\n');
  }

  private static String recorded(String value) {
    return value == null ? NOT_RECORDED : value;
  }
}
