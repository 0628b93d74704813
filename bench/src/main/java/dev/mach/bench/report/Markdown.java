package dev.mach.bench.report;

import java.util.List;
import java.util.Objects;

/** The Markdown pieces every section writes the same way. */
final class Markdown {

  static final String NOT_MEASURED_SECTION = "Not measured in this run.";
  static final String NOT_MEASURED = "not measured";
  static final String NONE = "—";

  private Markdown() {}

  /** What a section without data says in place of its content. */
  static void notMeasured(StringBuilder md) {
    md.append(NOT_MEASURED_SECTION).append("\n\n");
  }

  static String code(String text) {
    return "`" + text + "`";
  }

  /** A table header: the first column left-aligned, the others right-aligned as numbers are. */
  static void header(StringBuilder md, String first, List<String> others) {
    md.append("| ").append(first).append(" |");
    others.forEach(name -> md.append(' ').append(name).append(" |"));
    md.append("\n|---|").append("---:|".repeat(others.size())).append('\n');
  }

  static void row(StringBuilder md, List<String> cells) {
    row(md, cells.toArray(String[]::new));
  }

  /** A table row; a null cell shows as a dash, and a pipe in a cell cannot end it early. */
  static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ')
          .append(Objects.requireNonNullElse(cell, NONE).replace("|", "\\|"))
          .append(" |");
    }
    md.append('\n');
  }
}
