package dev.mach.bench.report;

import java.util.List;
import java.util.stream.Collectors;

/** {@code results.csv}: every measurement as read, for spreadsheets. */
final class ResultsCsv {

  private ResultsCsv() {}

  static String csv(Measurement.Table table) {
    StringBuilder csv = new StringBuilder();
    line(csv, table.header());
    table.cells().forEach(cells -> line(csv, cells));
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> cells) {
    csv.append(cells.stream().map(ResultsCsv::cell).collect(Collectors.joining(","))).append('\n');
  }

  private static String cell(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
