package dev.mach.bench.report;

import static dev.mach.bench.report.Endpoints.GZIP_SUFFIX;
import static dev.mach.bench.report.Markdown.NOT_MEASURED;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.header;
import static dev.mach.bench.report.Markdown.notMeasured;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.bytes;
import static dev.mach.bench.report.Numbers.change;
import static dev.mach.bench.report.Numbers.rate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/** What gzip saves in bytes, and what serving it costs or gains in throughput. */
record CompressionSection(RunResults run) implements ReportSection {

  @Override
  public void write(StringBuilder md) {
    md.append("## Compression\n\n");
    List<String> gzipPeaks =
        run.endpoints(row -> row.tool().equals(Measurement.WRK)).stream()
            .filter(endpoint -> endpoint.endsWith(GZIP_SUFFIX))
            .toList();
    if (run.sizes().isEmpty() && gzipPeaks.isEmpty()) {
      notMeasured(md);
      return;
    }
    RunMeta.Config off = run.compressionOff();
    if (!run.sizes().isEmpty()) {
      bytesTable(md, off);
    }
    if (!gzipPeaks.isEmpty()) {
      peaksTable(md, gzipPeaks, off);
    }
  }

  private void bytesTable(StringBuilder md, RunMeta.Config off) {
    SequencedSet<String> configs = new LinkedHashSet<>();
    SequencedSet<String> endpoints = new LinkedHashSet<>();
    for (ResponseSize size : run.sizes()) {
      configs.add(size.config());
      endpoints.add(size.endpoint());
    }
    List<String> columns = RunResults.knownFirst(run.configOrder(), configs);
    md.append("Bytes of each response body as sent (curl after the warm-up; a first request fills")
        .append(" the cache, the second is measured): without `Accept-Encoding` → with")
        .append(" `Accept-Encoding: gzip`, and what that saved.\n\n");
    header(md, "endpoint", columns.stream().map(Markdown::code).toList());
    for (String endpoint : RunResults.knownFirst(Endpoints.ORDER, endpoints)) {
      List<String> cells = new ArrayList<>();
      cells.add(code(endpoint));
      for (String config : columns) {
        cells.add(
            bytesCell(
                size(config, endpoint, ResponseSize.IDENTITY),
                size(config, endpoint, ResponseSize.GZIP)));
      }
      row(md, cells);
    }
    md.append('\n');
    if (off != null) {
      stillGzip(md, off);
    }
  }

  /** Why the configuration without compression, {@code off}, may still have sent gzip. */
  private void stillGzip(StringBuilder md, RunMeta.Config off) {
    List<String> stillGzip =
        run.sizes().stream()
            .filter(size -> size.config().equals(off.name()))
            .filter(size -> size.acceptEncoding().equals(ResponseSize.GZIP))
            .filter(size -> size.ok() && size.compressed())
            .map(size -> code(size.endpoint()))
            .distinct()
            .toList();
    if (!stillGzip.isEmpty()) {
      md.append("`")
          .append(off.name())
          .append("` still sent gzip for ")
          .append(String.join(", ", stillGzip))
          .append(": the response cache keeps a gzip copy of each cached body (from")
          .append(" `mach.cache.gzip-min-size` up) and serves it to clients that accept gzip")
          .append(" whatever `server.compression.enabled` says, so that configuration switches")
          .append(" off only the compression of responses the cache does not answer.\n\n");
    }
  }

  private static String bytesCell(ResponseSize plain, ResponseSize gzip) {
    if (plain == null || gzip == null) {
      return NOT_MEASURED;
    }
    if (!plain.ok() || !gzip.ok()) {
      return "status " + (plain.ok() ? gzip.status() : plain.status());
    }
    String cell = bytes(plain.bytes()) + " → " + bytes(gzip.bytes());
    if (!gzip.compressed()) {
      return cell + " (sent uncompressed)";
    }
    return cell + " (" + change(gzip.bytes(), plain.bytes()) + ")";
  }

  private ResponseSize size(String config, String endpoint, String accept) {
    return run.sizes().stream()
        .filter(size -> size.config().equals(config) && size.endpoint().equals(endpoint))
        .filter(size -> size.acceptEncoding().equals(accept))
        .reduce((first, second) -> second)
        .orElse(null);
  }

  private void peaksTable(StringBuilder md, List<String> gzipPeaks, RunMeta.Config off) {
    String baseline = run.meta().baseline();
    List<String> configs =
        run.configOrder().stream()
            .filter(config -> gzipPeaks.stream().anyMatch(e -> run.wrkPeak(config, e) != null))
            .toList();
    boolean versus = off != null && configs.contains(off.name()) && configs.contains(baseline);
    md.append("wrk peaks (closed loop) of a client that sends no `Accept-Encoding` → one that")
        .append(" sends `Accept-Encoding: gzip`, in requests/s, and the change: what serving gzip")
        .append(" costs or gains in throughput.");
    List<String> columns = new ArrayList<>(configs.stream().map(Markdown::code).toList());
    if (versus) {
      md.append(" The last column is ")
          .append(code(baseline))
          .append(" over ")
          .append(code(off.name()))
          .append(" for the gzip client, as a gain.");
      columns.add("gzip client: " + code(baseline) + " / " + code(off.name()));
    }
    md.append("\n\n");
    header(md, "endpoint", columns);
    for (String gzipEndpoint : gzipPeaks) {
      String endpoint = gzipEndpoint.substring(0, gzipEndpoint.length() - GZIP_SUFFIX.length());
      List<String> cells = new ArrayList<>();
      cells.add(code(endpoint));
      for (String config : configs) {
        cells.add(peakChange(run.wrkPeak(config, endpoint), run.wrkPeak(config, gzipEndpoint)));
      }
      if (versus) {
        cells.add(
            Ratio.gain(
                Ratio.ofPeaks(
                    run.wrkPeak(baseline, gzipEndpoint), run.wrkPeak(off.name(), gzipEndpoint))));
      }
      row(md, cells);
    }
    md.append('\n');
  }

  private static String peakChange(Measurement plain, Measurement gzip) {
    if (gzip == null) {
      return NOT_MEASURED;
    }
    if (plain == null) {
      return "not measured → " + rate(gzip.rps());
    }
    return rate(plain.rps())
        + " → "
        + rate(gzip.rps())
        + " ("
        + change(gzip.rps(), plain.rps())
        + ")";
  }
}
