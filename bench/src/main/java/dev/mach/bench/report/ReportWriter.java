package dev.mach.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a run's {@code measurements.tsv} and {@code meta.json} into {@code report.md}, {@code
 * results.csv} and {@code latency-vs-load.svg}, all in the same folder.
 *
 * <p>The report never fills a gap: a section without data says "Not measured in this run", and a
 * cell without data says "not measured".
 */
public final class ReportWriter {

  public static final String MEASUREMENTS = "measurements.tsv";
  public static final String META = "meta.json";
  public static final String REPORT = "report.md";
  public static final String CSV = "results.csv";
  public static final String CHART = "latency-vs-load.svg";

  private ReportWriter() {}

  /**
   * Reads {@code resultsDir/measurements.tsv}, {@code resultsDir/meta.json} and, when there, {@code
   * resultsDir/response-sizes.tsv}, and writes {@code report.md}, {@code results.csv} and {@code
   * latency-vs-load.svg} beside them.
   *
   * @throws UncheckedIOException if a file cannot be read or written
   * @throws IllegalArgumentException if an input is malformed (the message says where)
   */
  public static void write(Path resultsDir) {
    try {
      Measurement.Table table = Measurement.Table.read(resultsDir.resolve(MEASUREMENTS));
      RunMeta meta = RunMeta.read(resultsDir.resolve(META));
      List<ResponseSize> sizes = ResponseSize.read(resultsDir.resolve(ResponseSize.FILE));
      RunResults run = new RunResults(meta, table.rows(), sizes);
      ChartSection chart = new ChartSection(run);
      Files.writeString(resultsDir.resolve(CSV), ResultsCsv.csv(table), StandardCharsets.UTF_8);
      Files.writeString(resultsDir.resolve(CHART), chart.svg(), StandardCharsets.UTF_8);
      List<ReportSection> sections =
          List.of(
              new SetupSection(meta),
              new PerEndpointSection(run),
              new PeakSection(run),
              new AblationSection(run),
              new ResponseCacheSection(run),
              new CompressionSection(run),
              new RateLimitSection(run),
              new ObservabilitySection(run),
              new FeedSection(run),
              new BatchSection(run),
              new TargetsSection(run),
              chart,
              new FilesSection(resultsDir));
      Files.writeString(
          resultsDir.resolve(REPORT), markdown(meta, sections), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String markdown(RunMeta meta, List<ReportSection> sections) {
    StringBuilder md = new StringBuilder();
    md.append("# Mach benchmark: plan `")
        .append(meta.plan())
        .append("`, ")
        .append(meta.date() == null ? "date not recorded" : meta.date())
        .append("\n\n");
    sections.forEach(section -> section.write(md));
    return md.toString();
  }
}
