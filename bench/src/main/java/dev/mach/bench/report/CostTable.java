package dev.mach.bench.report;

import static dev.mach.bench.report.Endpoints.CLIENTS_SUFFIX;
import static dev.mach.bench.report.Endpoints.GZIP_SUFFIX;
import static dev.mach.bench.report.Markdown.NONE;
import static dev.mach.bench.report.Markdown.NOT_MEASURED;
import static dev.mach.bench.report.Markdown.code;
import static dev.mach.bench.report.Markdown.header;
import static dev.mach.bench.report.Markdown.row;
import static dev.mach.bench.report.Numbers.errorPercent;
import static dev.mach.bench.report.Numbers.rate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What a technique costs cached reads, as a table of wrk peaks: configurations that keep it on
 * against a reference that switches it off, a row per endpoint from one client and, where measured,
 * from many, and a verdict per configuration against a target cost. The sections of techniques
 * measured this way (rate limiting, observability) write their own introduction around it.
 *
 * <p>When the reference's runs have rounds, the configurations' servers ran side by side and were
 * measured in turn within each round: a row's cost is then the median over rounds of the cost in
 * one round, with the range of those costs, and only runs with a round count. Without rounds (the
 * configurations ran one after another) the cost compares each configuration's fastest run.
 */
final class CostTable {

  /**
   * A configuration set against the reference.
   *
   * @param name as in the measurements
   * @param label what it has on, for its verdict, e.g. "buckets in memory"
   */
  record Compared(String name, String label) {}

  /** One row of the table: an endpoint's runs from one client or from many. */
  private record Shape(String endpoint, String measured, boolean many) {}

  /**
   * A row's cost for one configuration (side by side: the median over rounds, and whether the
   * rounds' range straddles the target), for the verdicts below the table.
   */
  private record Cost(Shape shape, double value, boolean failed, boolean straddles) {}

  private final RunResults run;
  private final String reference;
  private final List<Compared> compared;
  private final double target;
  private final boolean sideBySide;
  private final List<Shape> shapes;

  /**
   * @param reference the configuration that switches the technique off; null when the run has none
   *     (the table is then empty)
   * @param compared the configurations that keep it on, in the table's order
   * @param target the highest cost (a share of the reference's throughput) that meets the bar
   */
  CostTable(RunResults run, String reference, List<Compared> compared, double target) {
    this.run = run;
    this.reference = reference;
    this.compared = List.copyOf(compared);
    this.target = target;
    this.sideBySide =
        reference != null
            && run.rows().stream()
                .anyMatch(
                    row ->
                        row.tool().equals(Measurement.WRK)
                            && row.config().equals(reference)
                            && row.inRound());
    this.shapes = reference == null ? List.of() : shapes();
  }

  /** Whether no row has runs of the reference and of a compared configuration. */
  boolean isEmpty() {
    return shapes.isEmpty();
  }

  boolean sideBySide() {
    return sideBySide;
  }

  /** Whether some rows are runs from many clients. */
  boolean anyManyClients() {
    return shapes.stream().anyMatch(Shape::many);
  }

  /** The connection counts of the reference's and the compared configurations' wrk runs. */
  String connections() {
    return run.connections(
        row ->
            row.tool().equals(Measurement.WRK)
                && (row.config().equals(reference)
                    || compared.stream().anyMatch(config -> config.name().equals(row.config()))));
  }

  /** The intro's sentence on how the servers ran, when side by side. */
  void sideBySideSentence(StringBuilder md) {
    if (sideBySide) {
      md.append(" Their servers ran side by side (started together, each on its own port, all on")
          .append(" the server's core) and were measured in rounds: in each round every endpoint")
          .append(" and client shape ran against each server in turn, in an order that rotates")
          .append(" from round to round, so drift on the machine touches every configuration")
          .append(" alike.");
    }
  }

  /**
   * The end of the intro, after the section has said which reads were measured: what a cell and a
   * cost are, and the target.
   */
  void method(StringBuilder md) {
    if (sideBySide) {
      md.append(". A req/s cell is the configuration's fastest run. Each round gives a cost,")
          .append(" 1 − configuration / `")
          .append(reference)
          .append("` for the same endpoint, clients and round; the cost column is the median of")
          .append(" a row's ")
          .append(rounds())
          .append(" and the range their lowest to highest, and the target is a median cost of")
          .append(" at most ")
          .append(percent(target, 0))
          .append(" (a range that straddles it is marked: rounds fell on both sides).\n\n");
      return;
    }
    md.append(". Each cell is the fastest of its ")
        .append(runs())
        .append("; the cost is 1 − configuration / `")
        .append(reference)
        .append("` for the same endpoint and clients, and the target is a cost of at most ")
        .append(percent(target, 0))
        .append(". The spread is the widest gap between a cell's fastest and slowest run in that")
        .append(" row, (fastest − slowest) / fastest: a cost inside it is within the run-to-run")
        .append(" noise.\n\n");
  }

  /**
   * The table, then a verdict per compared configuration, then a note when requests failed.
   *
   * @param measured what a row with failed requests does not measure, e.g. "the limiter's cost"
   */
  void write(StringBuilder md, String measured) {
    List<String> columns = new ArrayList<>();
    columns.add("clients");
    columns.add(code(reference) + " (req/s)");
    for (Compared config : compared) {
      columns.add(code(config.name()) + " (req/s)");
      columns.add(code(config.name()) + " cost");
      if (sideBySide) {
        columns.add(code(config.name()) + " range");
      }
    }
    if (!sideBySide) {
      columns.add("spread");
    }
    header(md, "endpoint", columns);
    List<List<Cost>> costs = new ArrayList<>();
    compared.forEach(config -> costs.add(new ArrayList<>()));
    boolean anyFailed = false;
    for (Shape shape : shapes) {
      List<Measurement> base = runs(reference, shape.measured());
      List<String> cells = new ArrayList<>();
      cells.add(code(shape.endpoint()));
      cells.add(shape.many() ? clients(run.meta()) : "1");
      cells.add(cell(base));
      double spread = spread(base);
      anyFailed |= failed(base);
      for (int i = 0; i < compared.size(); i++) {
        List<Measurement> runs = runs(compared.get(i).name(), shape.measured());
        cells.add(cell(runs));
        spread = Math.max(spread, spread(runs));
        anyFailed |= failed(runs);
        boolean failed = failed(runs) || failed(base);
        if (sideBySide) {
          RoundCosts rounds = RoundCosts.of(base, runs);
          if (rounds.isEmpty()) {
            cells.add(NONE);
            cells.add(NONE);
            continue;
          }
          boolean straddles = rounds.straddles(target);
          costs.get(i).add(new Cost(shape, rounds.median(), failed, straddles));
          cells.add(costCell(rounds.median(), failed));
          cells.add(rangeCell(rounds, straddles));
          continue;
        }
        if (runs.isEmpty() || base.isEmpty()) {
          cells.add(NONE);
          continue;
        }
        double cost = 1 - fastest(runs).rps() / fastest(base).rps();
        if (Double.isFinite(cost)) {
          costs.get(i).add(new Cost(shape, cost, failed, false));
        }
        cells.add(costCell(cost, failed));
      }
      if (!sideBySide) {
        cells.add(spread > 0 ? percent(spread) : NONE);
      }
      row(md, cells);
    }
    md.append('\n');
    for (int i = 0; i < compared.size(); i++) {
      verdict(md, compared.get(i), costs.get(i));
    }
    md.append('\n');
    if (anyFailed) {
      md.append("⚠ Some runs had answers outside 2xx/3xx or socket errors (the cell gives their")
          .append(" share): a refused request (429, or 503 from load shedding) costs the server")
          .append(" less than a served one, so those rows do not measure ")
          .append(measured)
          .append(" and get no verdict.\n\n");
    }
  }

  /** A configuration's runs of a row; side by side, only those measured in a round. */
  private List<Measurement> runs(String config, String measured) {
    return run.wrkRuns(config, measured).stream()
        .filter(row -> !sideBySide || row.inRound())
        .toList();
  }

  /**
   * The rows: each endpoint that was measured from many clients, from one client and from many;
   * without any such run, each plain endpoint from one client. Only rows the reference and at least
   * one compared configuration both have (side by side: in rounds).
   */
  private List<Shape> shapes() {
    List<String> measured =
        run.endpoints(row -> row.tool().equals(Measurement.WRK)).stream()
            .filter(endpoint -> !endpoint.endsWith(GZIP_SUFFIX))
            .toList();
    List<String> many =
        measured.stream()
            .filter(endpoint -> endpoint.endsWith(CLIENTS_SUFFIX))
            .map(endpoint -> endpoint.substring(0, endpoint.length() - CLIENTS_SUFFIX.length()))
            .toList();
    List<Shape> shapes = new ArrayList<>();
    if (many.isEmpty()) {
      measured.forEach(endpoint -> shapes.add(new Shape(endpoint, endpoint, false)));
    } else {
      for (String endpoint : RunResults.knownFirst(Endpoints.ORDER, many)) {
        shapes.add(new Shape(endpoint, endpoint, false));
        shapes.add(new Shape(endpoint, endpoint + CLIENTS_SUFFIX, true));
      }
    }
    return shapes.stream()
        .filter(shape -> !runs(reference, shape.measured()).isEmpty())
        .filter(
            shape ->
                compared.stream()
                    .anyMatch(config -> !runs(config.name(), shape.measured()).isEmpty()))
        .toList();
  }

  /** "3 runs", or "2 to 4 runs" when the cells differ. */
  private String runs() {
    TreeSet<Integer> counts = new TreeSet<>();
    for (Shape shape : shapes) {
      counts.add(run.wrkRuns(reference, shape.measured()).size());
      for (Compared config : compared) {
        int n = run.wrkRuns(config.name(), shape.measured()).size();
        if (n > 0) {
          counts.add(n);
        }
      }
    }
    return range(counts) + (counts.last() == 1 ? " run" : " runs");
  }

  /** "6 rounds", or "5 to 6 rounds" when the rows' costs paired different numbers of rounds. */
  private String rounds() {
    TreeSet<Integer> counts = new TreeSet<>();
    for (Shape shape : shapes) {
      List<Measurement> base = runs(reference, shape.measured());
      for (Compared config : compared) {
        int n = RoundCosts.of(base, runs(config.name(), shape.measured())).pairs();
        if (n > 0) {
          counts.add(n);
        }
      }
    }
    if (counts.isEmpty()) {
      return "paired rounds (none here)";
    }
    return range(counts) + (counts.last() == 1 ? " round" : " rounds");
  }

  private static String range(TreeSet<Integer> counts) {
    return counts.first().equals(counts.last())
        ? counts.first().toString()
        : counts.first() + " to " + counts.last();
  }

  /**
   * One sentence per configuration: on how many rows it met the target, and its largest cost; side
   * by side, by the median cost, and on which rows the rounds' range straddles the target.
   */
  private void verdict(StringBuilder md, Compared config, List<Cost> costs) {
    List<Cost> judged = costs.stream().filter(cost -> !cost.failed()).toList();
    md.append("- `").append(config.name()).append("` (").append(config.label()).append(")");
    if (judged.isEmpty()) {
      md.append(": no verdict, no row without failed requests.\n");
      return;
    }
    List<Cost> missed = judged.stream().filter(cost -> cost.value() > target).toList();
    Cost largest =
        judged.stream().max((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
    if (missed.isEmpty()) {
      md.append(": **met** on ").append(rows(judged.size()));
    } else if (missed.size() == judged.size()) {
      md.append(": **missed** on ").append(rows(judged.size()));
    } else {
      md.append(": **missed** on ").append(someRows(missed, judged.size()));
    }
    if (sideBySide) {
      md.append(" by the median cost; the largest median cost is ");
    } else {
      md.append("; the largest cost is ");
    }
    md.append(percent(largest.value())).append(" (").append(where(largest)).append(")");
    if (sideBySide) {
      List<Cost> straddling = judged.stream().filter(Cost::straddles).toList();
      if (straddling.isEmpty()) {
        md.append("; no row's range straddles ").append(percent(target, 0));
      } else {
        md.append("; the range straddles ").append(percent(target, 0)).append(" on ");
        md.append(
            straddling.size() == judged.size()
                ? rows(judged.size())
                : someRows(straddling, judged.size()));
      }
    }
    md.append(".\n");
  }

  private static String rows(int count) {
    return count == 1 ? "its one row" : "all " + count + " rows";
  }

  /** "2 of 8 rows (`list` from one client, ...)". */
  private String someRows(List<Cost> some, int of) {
    return some.size()
        + " of "
        + of
        + " rows ("
        + String.join(", ", some.stream().map(this::where).toList())
        + ")";
  }

  private String where(Cost cost) {
    return code(cost.shape().endpoint())
        + (cost.shape().many() ? " from " + clients(run.meta()) + " clients" : " from one client");
  }

  /** The fastest run, its rate, and the share of failed requests when there were any. */
  private static String cell(List<Measurement> runs) {
    if (runs.isEmpty()) {
      return NOT_MEASURED;
    }
    String cell = rate(fastest(runs).rps());
    double failed =
        runs.stream().mapToDouble(Measurement::ko).filter(Double::isFinite).sum()
            / runs.stream().mapToDouble(CostTable::total).sum();
    if (failed(runs)) {
      cell += " ⚠ " + errorPercent(failed) + " failed";
    }
    return cell;
  }

  private String costCell(double cost, boolean failed) {
    if (!Double.isFinite(cost)) {
      return NONE;
    }
    if (failed) {
      return percent(cost) + " (no verdict: requests failed)";
    }
    return percent(cost) + (cost <= target ? " (met)" : " (**missed**)");
  }

  /** The lowest to the highest per-round cost, marked when it straddles the target. */
  private String rangeCell(RoundCosts rounds, boolean straddles) {
    if (rounds.pairs() == 1) {
      return "one round";
    }
    return percent(rounds.min())
        + " to "
        + percent(rounds.max())
        + (straddles ? " (straddles " + percent(target, 0) + ")" : "");
  }

  private static Measurement fastest(List<Measurement> runs) {
    return runs.stream().max((a, b) -> Double.compare(rateOrNone(a), rateOrNone(b))).orElseThrow();
  }

  private static double rateOrNone(Measurement run) {
    return Double.isNaN(run.rps()) ? -1 : run.rps();
  }

  /** (fastest − slowest) / fastest of the runs; 0 for fewer than two. */
  private static double spread(List<Measurement> runs) {
    double[] rates =
        runs.stream().mapToDouble(Measurement::rps).filter(r -> Double.isFinite(r)).toArray();
    if (rates.length < 2) {
      return 0;
    }
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (double r : rates) {
      max = Math.max(max, r);
      min = Math.min(min, r);
    }
    return max > 0 ? (max - min) / max : 0;
  }

  /** Whether any run had a non-2xx answer or a socket error. */
  private static boolean failed(List<Measurement> runs) {
    return runs.stream().anyMatch(run -> run.ko() > 0);
  }

  private static double total(Measurement run) {
    double total = run.requests() > 0 ? run.requests() : run.ok() + run.ko();
    return Double.isFinite(total) ? total : 0;
  }

  static String percent(double share) {
    return percent(share, 1);
  }

  static String percent(double share, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f%%", share * 100);
  }

  /** How many client addresses the many-clients runs used, e.g. "10,000"; "many" when unknown. */
  static String clients(RunMeta meta) {
    return meta.manyClients() == null
        ? "many"
        : String.format(Locale.ROOT, "%,d", meta.manyClients());
  }
}
