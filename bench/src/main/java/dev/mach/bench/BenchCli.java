package dev.mach.bench;

import dev.mach.bench.batch.BatchComparison;
import dev.mach.bench.dataset.ApiLoader;
import dev.mach.bench.dataset.DatasetGenerator;
import dev.mach.bench.dataset.DatasetSize;
import dev.mach.bench.dataset.PostgresCopyLoader;
import dev.mach.bench.feed.FeedReaders;
import dev.mach.bench.report.GatlingStats;
import dev.mach.bench.report.ReportWriter;
import dev.mach.bench.report.RequestStats;
import dev.mach.bench.report.WrkResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's commands, run by {@code bench/run.sh}:
 *
 * <pre>
 * load-copy   --size medium --seed 42 --jdbc-url URL --user U [--password P]
 * load-api    --size small --seed 42 --base-url http://host:port [--concurrency 32]
 * gatling-row --config C --endpoint E --offered R --run DIR --out measurements.tsv [--seconds S]
 *             [--round R]
 * wrk-row     --config C --tool wrk|nginx --endpoint E --concurrency N --file wrk.txt --out measurements.tsv
 *             [--round R] [--tool feed]
 * feed-readers --base-url http://host:port --jdbc-url URL --user U [--password P]
 *             [--targets 10,1000,5000] --out readers.tsv
 * batch-compare --base-url http://host:port --articles A --config C --out measurements.tsv
 *             [--iterations 400] [--warm-up 200] [--round R]
 * report      --dir RESULTS_DIR
 * </pre>
 */
public final class BenchCli {

  /**
   * The last column numbers the rounds of runs measured side by side (the rate limiter's); {@code
   * -} in the other rows.
   */
  static final String TSV_HEADER =
      "config\ttool\tendpoint\toffered\trequests\tok\tko\trps\tp50_ms\tp95_ms\tp99_ms\tmax_ms\tround";

  static final String ROUND_COLUMN = "round";
  static final String NO_ROUND = "-";

  private BenchCli() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("no command");
    }
    Map<String, String> options = options(args);
    switch (args[0]) {
      case "load-copy" -> loadCopy(options);
      case "load-api" -> loadApi(options);
      case "gatling-row" -> gatlingRow(options);
      case "wrk-row" -> wrkRow(options);
      case "feed-readers" -> feedReaders(options);
      case "batch-compare" -> batchCompare(options);
      case "report" -> ReportWriter.write(Path.of(required(options, "dir")));
      default -> usage("unknown command " + args[0]);
    }
  }

  private static void loadCopy(Map<String, String> options) throws Exception {
    var generator =
        new DatasetGenerator(
            DatasetSize.named(required(options, "size")),
            Long.parseLong(options.getOrDefault("seed", "42")));
    long start = System.nanoTime();
    var connection =
        DriverManager.getConnection(
            required(options, "jdbc-url"),
            options.getOrDefault("user", "postgres"),
            options.getOrDefault("password", ""));
    try (var loader = new PostgresCopyLoader(connection, generator)) {
      loader.load();
    }
    System.out.printf(
        Locale.ROOT,
        "Loaded %s (seed %s) in %.1f s%n",
        options.get("size"),
        options.getOrDefault("seed", "42"),
        (System.nanoTime() - start) / 1e9);
  }

  /** Fills any Conduit server with the same dataset through its public API (peer mode). */
  private static void loadApi(Map<String, String> options) {
    var generator =
        new DatasetGenerator(
            DatasetSize.named(required(options, "size")),
            Long.parseLong(options.getOrDefault("seed", "42")));
    long start = System.nanoTime();
    try (var loader =
        new ApiLoader(
            URI.create(required(options, "base-url")),
            Integer.parseInt(options.getOrDefault("concurrency", "32")))) {
      generator.generate(loader);
      loader.finish();
      System.out.printf(
          Locale.ROOT,
          "Loaded %s through %s in %.1f s: %s%n",
          options.get("size"),
          options.get("base-url"),
          (System.nanoTime() - start) / 1e9,
          loader.counts());
    }
  }

  /** Appends one run's whole-run statistics to the measurements table. */
  private static void gatlingRow(Map<String, String> options) throws IOException {
    RequestStats all = GatlingStats.read(Path.of(required(options, "run"))).global();
    // Gatling's mean rate spans the whole run, including the unmeasured client warm-up before the
    // step; the step's own rate is its requests over the seconds it was held
    String seconds = options.get("seconds");
    double achieved =
        seconds == null ? all.meanRequestsPerSecond() : all.count() / Double.parseDouble(seconds);
    appendRow(
        Path.of(required(options, "out")),
        String.join(
            "\t",
            required(options, "config"),
            // the feed runs are Gatling's too, but at one rate of their own: their own tool name
            // keeps them out of the step-up sections
            options.getOrDefault("tool", "gatling"),
            required(options, "endpoint"),
            required(options, "offered"),
            Long.toString(all.count()),
            Long.toString(all.ok()),
            Long.toString(all.ko()),
            number(achieved),
            number(all.p50()),
            number(all.p95()),
            number(all.p99()),
            number(all.maxMs()),
            round(options)));
  }

  /** Makes the feed benchmark's readers follow their numbers of authors; writes target, id. */
  private static void feedReaders(Map<String, String> options) throws Exception {
    List<Integer> targets =
        Arrays.stream(options.getOrDefault("targets", "10,1000,5000").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    try (var connection =
        DriverManager.getConnection(
            required(options, "jdbc-url"),
            options.getOrDefault("user", "postgres"),
            options.getOrDefault("password", ""))) {
      var readers =
          new FeedReaders(URI.create(required(options, "base-url")), connection).prepare(targets);
      StringBuilder tsv = new StringBuilder();
      readers.forEach(r -> tsv.append(r.followees()).append('\t').append(r.userId()).append('\n'));
      Files.writeString(Path.of(required(options, "out")), tsv);
    }
  }

  /** Twenty reads one by one against the same twenty in one batch: two rows, tool "client". */
  private static void batchCompare(Map<String, String> options) throws Exception {
    var comparison =
        new BatchComparison(
            URI.create(required(options, "base-url")),
            BatchComparison.articleReads(Integer.parseInt(required(options, "articles")), 20));
    var result =
        comparison.run(
            options.getOrDefault("email", "user3@bench.mach.dev"),
            Integer.parseInt(options.getOrDefault("warm-up", "200")),
            Integer.parseInt(options.getOrDefault("iterations", "400")));
    Path out = Path.of(required(options, "out"));
    for (var side : List.of(result.sequential(), result.batched())) {
      int n = side.millis().length;
      appendRow(
          out,
          String.join(
              "\t",
              required(options, "config"),
              "client",
              side.name(),
              "20",
              Integer.toString(n),
              Integer.toString(n - Math.min(n, side.failures())),
              Integer.toString(side.failures()),
              number(n / side.totalSeconds()),
              number(side.percentile(50)),
              number(side.percentile(95)),
              number(side.percentile(99)),
              number(side.percentile(100)),
              round(options)));
      System.out.printf(
          Locale.ROOT,
          "%s: p50 %.2f ms, p99 %.2f ms over %d iterations, %d failed reads%n",
          side.name(),
          side.percentile(50),
          side.percentile(99),
          n,
          side.failures());
    }
  }

  private static String round(Map<String, String> options) {
    String round = options.getOrDefault("round", NO_ROUND);
    if (!round.equals(NO_ROUND) && !round.matches("[0-9]{1,9}")) {
      usage("--round takes a whole number from 0, got " + round);
    }
    return round;
  }

  /**
   * Appends one wrk run; its failures are non-2xx answers plus socket errors. {@code --round} gives
   * the side-by-side round it belongs to (the report pairs runs of one round).
   */
  private static void wrkRow(Map<String, String> options) throws IOException {
    WrkResult wrk = WrkResult.parse(Files.readString(Path.of(required(options, "file"))));
    String round = round(options);
    long failed = wrk.non2xx() + wrk.socketErrors();
    appendRow(
        Path.of(required(options, "out")),
        String.join(
            "\t",
            required(options, "config"),
            options.getOrDefault("tool", "wrk"),
            required(options, "endpoint"),
            required(options, "concurrency"),
            Long.toString(wrk.requests() + wrk.socketErrors()),
            Long.toString(Math.max(0, wrk.requests() - wrk.non2xx())),
            Long.toString(failed),
            number(wrk.requestsPerSecond()),
            number(wrk.p50Ms()),
            "NaN",
            number(wrk.p99Ms()),
            "NaN",
            round));
  }

  static void appendRow(Path out, String row) throws IOException {
    if (!Files.exists(out)) {
      Files.writeString(out, TSV_HEADER + "\n");
    } else {
      addRoundColumn(out);
    }
    Files.writeString(out, row + "\n", StandardOpenOption.APPEND);
  }

  /**
   * A file begun before rows had a round (a run that {@code MACH_BENCH_APPEND=1} adds to) gets the
   * column, with no round in its rows, so that its rows and the new ones have the same fields.
   */
  private static void addRoundColumn(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    if (lines.isEmpty() || List.of(lines.getFirst().split("\t", -1)).contains(ROUND_COLUMN)) {
      return;
    }
    StringBuilder text = new StringBuilder(lines.getFirst()).append('\t').append(ROUND_COLUMN);
    text.append('\n');
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        text.append(line).append('\t').append(NO_ROUND).append('\n');
      }
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }

  static String number(double value) {
    return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      usage("missing --" + name);
    }
    return value;
  }

  private static void usage(String problem) {
    throw new IllegalArgumentException(
        problem
            + "; commands: load-copy, load-api, gatling-row, wrk-row, feed-readers, batch-compare,"
            + " report (see bench/README.md)");
  }
}
