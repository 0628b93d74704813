package dev.mach.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's files as the harness would, renders its report, and cuts sections out of it. */
final class ReportFiles {

  static final String HEADER =
      "config\ttool\tendpoint\toffered\trequests\tok\tko\trps\tp50_ms\tp95_ms\tp99_ms\tmax_ms";

  /** {@link #HEADER} with the optional last column of side-by-side runs, their round. */
  static final String HEADER_WITH_ROUND = HEADER + "\tround";

  private ReportFiles() {}

  /** Rows are the measurement columns separated by spaces; returns the rendered report. */
  static String write(Path dir, List<String> rows, String meta) throws IOException {
    return write(dir, HEADER, rows, meta);
  }

  /** The same with a header of one's own, e.g. {@link #HEADER_WITH_ROUND}. */
  static String write(Path dir, String header, List<String> rows, String meta) throws IOException {
    StringBuilder tsv = new StringBuilder(header).append('\n');
    rows.forEach(row -> tsv.append(row.replace(' ', '\t')).append('\n'));
    Files.writeString(dir.resolve(ReportWriter.MEASUREMENTS), tsv);
    Files.writeString(dir.resolve(ReportWriter.META), meta);
    ReportWriter.write(dir);
    return Files.readString(dir.resolve(ReportWriter.REPORT));
  }

  /** The text from {@code from} up to {@code to}, both of which must be there. */
  static String section(String report, String from, String to) {
    int start = report.indexOf(from);
    assertThat(start).as("'%s' in the report", from).isNotNegative();
    int end = report.indexOf(to, start + from.length());
    assertThat(end).as("'%s' after '%s' in the report", to, from).isNotNegative();
    return report.substring(start, end);
  }
}
