package dev.mach.bench.report;

/** One {@code ##} section of {@code report.md}. */
interface ReportSection {

  void write(StringBuilder md);
}
