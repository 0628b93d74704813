package dev.mach.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a run's {@code measurements.tsv}: one load step of one tool against one endpoint under
 * one configuration. A number the row does not have is {@link Double#NaN}.
 *
 * @param config the configuration's name from {@code meta.json} ({@code ceiling} for nginx rows)
 * @param tool {@code gatling} (open model), {@code wrk} (closed-loop peak) or {@code nginx}
 * @param endpoint {@code list}, {@code feed}, ... or {@code read} for the mixed scenario
 * @param offered gatling: the arrival rate in requests/s; wrk and nginx: the connections
 * @param requests requests sent (gatling) or completed (wrk)
 * @param ok requests that succeeded
 * @param ko requests that failed
 * @param rps achieved requests per second
 * @param p50Ms median latency
 * @param p95Ms 95th percentile (NaN for wrk, which reports the 90th and 99th)
 * @param p99Ms 99th percentile
 * @param maxMs slowest request
 * @param round the round of a run measured side by side with other configurations' servers (runs of
 *     one round were taken in turn, so they can be paired), or {@link #NO_ROUND}
 */
record Measurement(
    String config,
    String tool,
    String endpoint,
    double offered,
    double requests,
    double ok,
    double ko,
    double rps,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs,
    int round) {

  static final String GATLING = "gatling";
  static final String WRK = "wrk";
  static final String NGINX = "nginx";

  /** The round of a run that was not measured in rounds side by side. */
  static final int NO_ROUND = -1;

  /** The optional column that numbers the side-by-side rounds (a file without it has none). */
  static final String ROUND = "round";

  /** The columns {@code measurements.tsv} must have, by name (their order is free). */
  static final List<String> COLUMNS =
      List.of(
          "config",
          "tool",
          "endpoint",
          "offered",
          "requests",
          "ok",
          "ko",
          "rps",
          "p50_ms",
          "p95_ms",
          "p99_ms",
          "max_ms");

  /**
   * Failed requests over all requests, between 0 and 1; NaN when the row lacks the counts. The
   * total is {@code requests}, or {@code ok + ko} when that is missing.
   */
  double errorRate() {
    double total = requests > 0 ? requests : ok + ko;
    if (Double.isNaN(ko) || !(total > 0)) {
      return Double.NaN;
    }
    return ko / total;
  }

  /** Whether this step kept p99 within the SLO and errors below the bound (NaN never does). */
  boolean meets(double sloP99Ms, double maxErrorRate) {
    return p99Ms <= sloP99Ms && errorRate() < maxErrorRate;
  }

  /** Whether this run was measured in a side-by-side round. */
  boolean inRound() {
    return round != NO_ROUND;
  }

  /** The achieved rate, or the offered one for a step that lacks it. */
  double rate() {
    return Double.isNaN(rps) ? offered : rps;
  }

  /** A measurements file: its header and rows as written (for the CSV) and the parsed rows. */
  record Table(List<String> header, List<List<String>> cells, List<Measurement> rows) {

    static Table read(Path tsv) throws IOException {
      List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
      List<String> header = null;
      Map<String, Integer> index = new HashMap<>();
      List<List<String>> cells = new ArrayList<>();
      List<Measurement> rows = new ArrayList<>();
      for (int number = 1; number <= lines.size(); number++) {
        String line = lines.get(number - 1);
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = List.of(line.split("\t", -1)).stream().map(String::strip).toList();
        if (header == null) {
          header = fields;
          for (int i = 0; i < fields.size(); i++) {
            index.put(fields.get(i), i);
          }
          for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
              throw new IllegalArgumentException(
                  tsv + ": the header lacks the column " + column + "; it has " + fields);
            }
          }
          continue;
        }
        if (fields.size() != header.size()) {
          throw new IllegalArgumentException(
              tsv
                  + ":"
                  + number
                  + ": "
                  + fields.size()
                  + " fields where the header has "
                  + header.size());
        }
        cells.add(fields);
        rows.add(row(fields, index, tsv + ":" + number));
      }
      if (header == null) {
        throw new IllegalArgumentException(tsv + " is empty: it needs at least its header");
      }
      return new Table(header, cells, rows);
    }

    private static Measurement row(List<String> fields, Map<String, Integer> index, String where) {
      return new Measurement(
          fields.get(index.get("config")),
          fields.get(index.get("tool")).toLowerCase(Locale.ROOT),
          fields.get(index.get("endpoint")),
          number(fields, index, "offered", where),
          number(fields, index, "requests", where),
          number(fields, index, "ok", where),
          number(fields, index, "ko", where),
          number(fields, index, "rps", where),
          number(fields, index, "p50_ms", where),
          number(fields, index, "p95_ms", where),
          number(fields, index, "p99_ms", where),
          number(fields, index, "max_ms", where),
          round(fields, index, where));
    }

    /** The round: a whole number from 0; none without the column or where it is empty, - or NaN. */
    private static int round(List<String> fields, Map<String, Integer> index, String where) {
      if (!index.containsKey(ROUND)) {
        return NO_ROUND;
      }
      double value = number(fields, index, ROUND, where);
      if (Double.isNaN(value)) {
        return NO_ROUND;
      }
      if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            where + ": round is not a whole number from 0: " + fields.get(index.get(ROUND)));
      }
      return (int) value;
    }

    /** A number as written; {@code NaN} (any case), an empty field or {@code -} mean none. */
    private static double number(
        List<String> fields, Map<String, Integer> index, String column, String where) {
      String value = fields.get(index.get(column));
      if (value.isEmpty() || value.equals("-") || value.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": " + column + " is not a number: " + value, e);
      }
    }
  }
}
