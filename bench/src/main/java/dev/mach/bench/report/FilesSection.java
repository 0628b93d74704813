package dev.mach.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Links to the CSV and to Gatling's own reports kept with the run. */
record FilesSection(Path resultsDir) implements ReportSection {

  @Override
  public void write(StringBuilder md) {
    String csv = ReportWriter.CSV;
    md.append("## Files\n\nEvery measurement: [").append(csv).append("](").append(csv).append(").");
    List<String> gatling = gatlingReports();
    if (!gatling.isEmpty()) {
      md.append(" Gatling's own reports:");
      gatling.forEach(path -> md.append(" [").append(path).append("](").append(path).append(')'));
      md.append('.');
    }
    md.append('\n');
  }

  /** Gatling run reports under the results folder, relative to it, in name order. */
  private List<String> gatlingReports() {
    // gatling/<mix>/<rate>/<run>/index.html; work/ holds every run but is not kept with the report
    try (Stream<Path> files = Files.walk(resultsDir, 5)) {
      return files
          .filter(path -> path.getFileName().toString().equals(GatlingStats.REPORT))
          .filter(path -> !resultsDir.relativize(path).startsWith("work"))
          .filter(Files::isRegularFile)
          .map(path -> resultsDir.relativize(path).toString().replace('\\', '/'))
          .filter(path -> path.contains("/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
