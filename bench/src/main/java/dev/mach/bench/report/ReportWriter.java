package dev.mach.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  /** The mixed scenario's endpoint name. */
  static final String MIX = "read";

  static final String NOT_MEASURED_SECTION = "Not measured in this run.";
  static final String NOT_MEASURED = "not measured";

  private static final String CEILING = "ceiling";
  private static final String NONE = "—";

  /** Known endpoints in report order, with what each one requests. */
  private static final List<Map.Entry<String, String>> ENDPOINTS =
      List.of(
          Map.entry("list", "global list, `GET /api/articles`"),
          Map.entry("tag", "by tag, `GET /api/articles?tag=`"),
          Map.entry("author", "by author, `GET /api/articles?author=`"),
          Map.entry("favorited", "favorited by, `GET /api/articles?favorited=`"),
          Map.entry("feed", "feed, `GET /api/articles/feed`"),
          Map.entry("article", "single article, `GET /api/articles/{slug}`"),
          Map.entry("comments", "comments, `GET /api/articles/{slug}/comments`"),
          Map.entry("profile", "profile, `GET /api/profiles/{username}`"),
          Map.entry("tags", "tags, `GET /api/tags`"),
          Map.entry("favorite", "favorite toggle, `POST` + `DELETE /api/articles/{slug}/favorite`"),
          Map.entry(MIX, "the read mix (every request of the run)"));

  /** A target of the issue: an endpoint's throughput at the SLO, with every technique on. */
  private record Target(String label, String endpoint, double goal, String peers) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target("global list", "list", 10_000, "~1,000 req/s"),
          new Target("feed", "feed", 6_000, "~600 req/s"),
          new Target("single article", "article", 50_000, "~5,000 req/s"),
          new Target("favorite toggle", "favorite", 10_000, "~3,500 req/s"));

  private static final double ALL_OFF_GOAL = 10;
  private static final double UNCACHED_LIST_GOAL = 3_000;
  private static final double TARGET_SLO_MS = 50;
  private static final String TARGET_DATASET = "medium";

  private final Path resultsDir;
  private final RunMeta meta;
  private final List<Measurement> rows;

  private ReportWriter(Path resultsDir, RunMeta meta, List<Measurement> rows) {
    this.resultsDir = resultsDir;
    this.meta = meta;
    this.rows = rows;
  }

  /**
   * Reads {@code resultsDir/measurements.tsv} and {@code resultsDir/meta.json} and writes {@code
   * report.md}, {@code results.csv} and {@code latency-vs-load.svg} beside them.
   *
   * @throws UncheckedIOException if a file cannot be read or written
   * @throws IllegalArgumentException if an input is malformed (the message says where)
   */
  public static void write(Path resultsDir) {
    try {
      Measurement.Table table = Measurement.Table.read(resultsDir.resolve(MEASUREMENTS));
      RunMeta meta = RunMeta.read(resultsDir.resolve(META));
      ReportWriter writer = new ReportWriter(resultsDir, meta, table.rows());
      Files.writeString(resultsDir.resolve(CSV), csv(table), StandardCharsets.UTF_8);
      Files.writeString(resultsDir.resolve(CHART), writer.chart(), StandardCharsets.UTF_8);
      Files.writeString(resultsDir.resolve(REPORT), writer.markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- the report

  private String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Mach benchmark: plan `")
        .append(meta.plan())
        .append("`, ")
        .append(meta.date() == null ? "date not recorded" : meta.date())
        .append("\n\n");
    setup(md);
    perEndpoint(md);
    peak(md);
    ablation(md);
    targets(md);
    chartSection(md);
    files(md);
    return md.toString();
  }

  private void setup(StringBuilder md) {
    md.append("## Setup\n\n| | |\n|---|---|\n");
    RunMeta.Machine machine = meta.machine();
    List<String> parts = new ArrayList<>();
    if (machine.cpus() != null) {
      parts.add(machine.cpus() + " CPUs");
    }
    if (machine.cpuModel() != null) {
      parts.add(machine.cpuModel());
    }
    if (machine.memory() != null) {
      parts.add(machine.memory() + " memory");
    }
    if (machine.kernel() != null) {
      parts.add("kernel " + machine.kernel());
    }
    tableRow(md, "machine", parts.isEmpty() ? "not recorded" : String.join(", ", parts));
    tableRow(md, "JDK", recorded(meta.jdk()));
    tableRow(md, "database", recorded(meta.database()));
    tableRow(md, "dataset", dataset());
    tableRow(md, "pinning", recorded(meta.pinning()));
    tableRow(md, "load", recorded(meta.load()));
    tableRow(md, "server JVM", recorded(meta.serverJvm()));
    tableRow(md, "SLO", sloText());
    md.append('\n');

    md.append("| config | switches off | started with |\n|---|---|---|\n");
    for (RunMeta.Config config : meta.configs()) {
      String name = "`" + config.name() + "`";
      if (config.name().equals(meta.baseline())) {
        name += " (baseline)";
      }
      tableRow(
          md,
          name,
          config.technique() == null ? "nothing" : config.technique(),
          config.args() == null ? "not recorded" : config.args());
    }
    md.append('\n');

    md.append(
            "How to read it. Gatling steps are an open model: requests arrive at the offered rate")
        .append(" whatever the server does, so queueing shows in the latency. The **throughput at")
        .append(" the SLO** is the highest measured rate at which p99 ≤ ")
        .append(plain(meta.sloP99Ms()))
        .append(" ms and errors < ")
        .append(plain(meta.maxErrorRate() * 100))
        .append("%. wrk runs are closed loop (a fixed number of connections, each sending as soon")
        .append(" as it has its answer): they find the peak rate, at whatever latency that costs.")
        .append(" The ceiling is wrk against nginx serving the same response bytes from a file,")
        .append(" pinned like the server: the fastest this machine answers those requests.\n\n");
  }

  private String dataset() {
    RunMeta.Dataset dataset = meta.dataset();
    String size = dataset.size() == null ? "size not recorded" : "`" + dataset.size() + "`";
    if (dataset.seed() != null) {
      size += ", seed " + dataset.seed();
    }
    if (dataset.counts().isEmpty()) {
      return size + ", counts not recorded";
    }
    return size
        + ": "
        + dataset.counts().entrySet().stream()
            .map(count -> String.format(Locale.ROOT, "%,d %s", count.getValue(), count.getKey()))
            .collect(Collectors.joining(", "));
  }

  private String sloText() {
    return "p99 ≤ "
        + plain(meta.sloP99Ms())
        + " ms and errors < "
        + plain(meta.maxErrorRate() * 100)
        + "% of requests";
  }

  private void perEndpoint(StringBuilder md) {
    String baseline = meta.baseline();
    md.append("## Per endpoint (`").append(baseline).append("`, Gatling)\n\n");
    List<String> endpoints =
        endpoints(row -> row.tool().equals(Measurement.GATLING) && row.config().equals(baseline));
    if (endpoints.isEmpty()) {
      md.append(NOT_MEASURED_SECTION).append("\n\n");
      return;
    }
    for (String endpoint : endpoints) {
      md.append("### `").append(endpoint).append('`');
      String description = description(endpoint);
      if (description != null) {
        md.append(": ").append(description);
      }
      md.append("\n\n");
      List<Measurement> steps = gatling(baseline, endpoint);
      Capacity capacity = capacity(baseline, endpoint);
      md.append("| offered (req/s) | achieved (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | errors |")
          .append(" SLO |\n|---:|---:|---:|---:|---:|---:|---|\n");
      for (Measurement step : steps) {
        String verdict;
        if (step == capacity.step()) {
          verdict = "met: **throughput at the SLO**";
        } else if (step.meets(meta.sloP99Ms(), meta.maxErrorRate())) {
          verdict = "met";
        } else {
          verdict = failure(step);
        }
        tableRow(
            md,
            rate(step.offered()),
            rate(step.rps()),
            ms(step.p50Ms()),
            ms(step.p95Ms()),
            ms(step.p99Ms()),
            errorPercent(step.errorRate()),
            verdict);
      }
      md.append("\nThroughput at the SLO: ").append(capacityText(capacity, true)).append(".\n\n");
    }
  }

  /** Why a step missed the SLO. */
  private String failure(Measurement step) {
    List<String> reasons = new ArrayList<>();
    if (Double.isNaN(step.p99Ms())) {
      reasons.add("no p99");
    } else if (step.p99Ms() > meta.sloP99Ms()) {
      reasons.add("p99 over");
    }
    double errors = step.errorRate();
    if (Double.isNaN(errors)) {
      reasons.add("no error count");
    } else if (errors >= meta.maxErrorRate()) {
      reasons.add("errors over");
    }
    return "missed (" + String.join(", ", reasons) + ")";
  }

  private void peak(StringBuilder md) {
    md.append("## Peak (wrk)\n\n");
    Predicate<Measurement> closedLoop =
        row -> row.tool().equals(Measurement.WRK) || row.tool().equals(Measurement.NGINX);
    List<String> endpoints = endpoints(closedLoop);
    if (endpoints.isEmpty()) {
      md.append(NOT_MEASURED_SECTION).append("\n\n");
      return;
    }
    List<String> configs =
        configOrder().stream()
            .filter(
                config ->
                    rows.stream()
                        .anyMatch(
                            row ->
                                row.tool().equals(Measurement.WRK) && row.config().equals(config)))
            .toList();
    TreeSet<Double> connections = new TreeSet<>();
    rows.stream()
        .filter(closedLoop)
        .map(Measurement::offered)
        .filter(Double::isFinite)
        .forEach(connections::add);
    md.append("Closed loop, wrk with ")
        .append(
            connections.isEmpty()
                ? "an unrecorded number of"
                : connections.stream().map(ReportWriter::plain).collect(Collectors.joining(", ")))
        .append(" connections; where a cell has several runs, the fastest is shown. Each cell:")
        .append(" requests/s, then p99 in ms in parentheses.\n\n");
    md.append("| endpoint |");
    configs.forEach(config -> md.append(" `").append(config).append("` |"));
    md.append(" nginx ceiling | `").append(meta.baseline()).append("` / ceiling |\n|---|");
    md.append("---:|".repeat(configs.size() + 2)).append('\n');
    for (String endpoint : endpoints) {
      List<String> cells = new ArrayList<>();
      cells.add("`" + endpoint + "`");
      for (String config : configs) {
        cells.add(peakCell(peak(Measurement.WRK, config, endpoint)));
      }
      Measurement ceiling = peak(Measurement.NGINX, null, endpoint);
      cells.add(peakCell(ceiling));
      Measurement baseline = peak(Measurement.WRK, meta.baseline(), endpoint);
      cells.add(
          baseline == null
                  || ceiling == null
                  || !(ceiling.rps() > 0)
                  || Double.isNaN(baseline.rps())
              ? NONE
              : share(baseline.rps() / ceiling.rps()));
      tableRow(md, cells.toArray(String[]::new));
    }
    md.append('\n');
  }

  private String peakCell(Measurement row) {
    if (row == null) {
      return NOT_MEASURED;
    }
    String cell = rate(row.rps()) + " (" + ms(row.p99Ms()) + ")";
    double errors = row.errorRate();
    if (errors >= meta.maxErrorRate()) {
      cell += " ⚠ " + errorPercent(errors) + " errors";
    }
    return cell;
  }

  private void ablation(StringBuilder md) {
    md.append("## Ablation\n\n");
    String baseline = meta.baseline();
    List<RunMeta.Config> switched =
        meta.configs().stream()
            .filter(config -> config.technique() != null && !config.name().equals(baseline))
            .toList();
    boolean anyData =
        switched.stream()
            .anyMatch(
                config ->
                    capacity(config.name(), MIX).measured()
                        || peak(Measurement.WRK, config.name(), "list") != null);
    if (switched.isEmpty() || !anyData) {
      md.append(NOT_MEASURED_SECTION).append("\n\n");
      return;
    }
    md.append("Each configuration switches one technique off (`all-off` switches off all of them).")
        .append(" A gain is how much more the baseline `")
        .append(baseline)
        .append("` does than that configuration: baseline / configuration − 1. The read mix is")
        .append(" compared at the SLO (Gatling), the global list at its wrk peak. When a")
        .append(" configuration missed the SLO at every step, its capacity is below its lowest")
        .append(" step, so the gain is a lower bound (\">\").\n\n");
    md.append(
            "| config | switched off | read mix at SLO (req/s) | gain | list peak (req/s) | gain |")
        .append(" the seed articles claim |\n|---|---|---:|---:|---:|---:|---|\n");
    Capacity baseMix = capacity(baseline, MIX);
    Measurement baseList = peak(Measurement.WRK, baseline, "list");
    tableRow(
        md,
        "`" + baseline + "` (baseline)",
        "nothing",
        capacityText(baseMix, false),
        NONE,
        baseList == null ? NOT_MEASURED : rate(baseList.rps()),
        NONE,
        NONE);
    for (RunMeta.Config config : switched) {
      Capacity mix = capacity(config.name(), MIX);
      Measurement list = peak(Measurement.WRK, config.name(), "list");
      tableRow(
          md,
          "`" + config.name() + "`",
          config.technique(),
          capacityText(mix, false),
          mix.measured() ? gain(ratio(baseMix, mix)) : NONE,
          list == null ? NOT_MEASURED : rate(list.rps()),
          list == null ? NONE : gain(peakRatio(baseList, list)),
          claim(config.technique()));
    }
    md.append('\n');
    boolean caching =
        meta.configs().stream()
            .anyMatch(
                c ->
                    c.technique() != null
                        && c.technique().toLowerCase(Locale.ROOT).contains("cach"));
    if (!caching) {
      md.append("Caching, which the seed articles credit with ~60% lower response time, is not")
          .append(" built yet, so it has no row.\n\n");
    }
    md.append("The articles' figures come from other stacks and mostly speak of response time;")
        .append(" they sit beside ours for comparison, not as a prediction.\n\n");
  }

  /** What the seed articles claim for a technique; none for batching (N+1). */
  static String claim(String technique) {
    String t = technique == null ? "" : technique.toLowerCase(Locale.ROOT);
    if (t.equals("all")) {
      return "~40% overall";
    }
    if (t.contains("index")) {
      return "~30% faster";
    }
    if (t.contains("virtual") || t.contains("async")) {
      return "~50% faster (async)";
    }
    if (t.contains("cach") || t.contains("redis")) {
      return "~60% lower response time (Redis cache)";
    }
    if (t.contains("batch") || t.contains("n+1")) {
      return NONE + " (none claimed)";
    }
    return NONE;
  }

  private void targets(StringBuilder md) {
    md.append("## Targets\n\n");
    String baseline = meta.baseline();
    String size = meta.dataset().size() != null ? meta.dataset().size() : meta.plan();
    md.append("Each endpoint target is a throughput at the SLO with every technique on (`")
        .append(baseline)
        .append("`), on the medium dataset, with p99 ≤ ")
        .append(plain(TARGET_SLO_MS))
        .append(" ms. \"Public Java servers\" are the public Java Conduit servers measured in this")
        .append(" project before, not in this run.");
    if (!TARGET_DATASET.equalsIgnoreCase(size)) {
      md.append(" This run used the `")
          .append(size)
          .append("` dataset, so its verdicts only indicate.");
    }
    if (meta.sloP99Ms() != TARGET_SLO_MS) {
      md.append(" This run's SLO is p99 ≤ ")
          .append(plain(meta.sloP99Ms()))
          .append(" ms, and the figures below use it.");
    }
    md.append("\n\n| target | goal | Mach | public Java servers | verdict |\n")
        .append("|---|---:|---:|---:|---|\n");
    for (Target target : TARGETS) {
      Capacity capacity = capacity(baseline, target.endpoint());
      tableRow(
          md,
          target.label() + " (`" + target.endpoint() + "`)",
          "≥ " + rate(target.goal()) + " req/s",
          capacityText(capacity, false),
          target.peers(),
          verdict(capacity, target.goal()));
    }

    RunMeta.Config allOff = allOff();
    String ratioText = NOT_MEASURED;
    String ratioVerdict = NOT_MEASURED;
    if (allOff != null) {
      Capacity on = capacity(baseline, MIX);
      Capacity off = capacity(allOff.name(), MIX);
      Ratio ratio = on.measured() && off.measured() ? ratio(on, off) : null;
      if (ratio == null && on.measured() && off.measured()) {
        ratioText = "undetermined (`" + baseline + "` met the SLO at no step)";
        ratioVerdict = "undetermined";
      } else if (ratio != null) {
        ratioText = (ratio.lowerBound() ? "> " : "") + times(ratio.value()) + " (read mix at SLO)";
        if (ratio.value() >= ALL_OFF_GOAL) {
          ratioVerdict = "**met**";
        } else if (ratio.lowerBound()) {
          ratioVerdict = "undetermined (`" + allOff.name() + "` needs lower steps)";
        } else {
          ratioVerdict = "not met";
        }
      }
    }
    tableRow(md, "all on vs all off", "≥ " + times(ALL_OFF_GOAL), ratioText, NONE, ratioVerdict);

    RunMeta.Config cacheOff =
        meta.configs().stream()
            .filter(
                c ->
                    c.technique() != null
                        && c.technique().toLowerCase(Locale.ROOT).contains("cach"))
            .findFirst()
            .orElse(null);
    String uncachedConfig = cacheOff == null ? baseline : cacheOff.name();
    Capacity uncached = capacity(uncachedConfig, "list");
    tableRow(
        md,
        "uncached global list on PostgreSQL (`"
            + uncachedConfig
            + "`"
            + (cacheOff == null ? ", no cache is built yet" : "")
            + ")",
        "≥ " + rate(UNCACHED_LIST_GOAL) + " req/s",
        capacityText(uncached, false),
        "~1,000 req/s",
        verdict(uncached, UNCACHED_LIST_GOAL));
    md.append('\n');
  }

  private RunMeta.Config allOff() {
    return meta.configs().stream()
        .filter(c -> "all".equalsIgnoreCase(c.technique()))
        .findFirst()
        .orElseGet(() -> meta.config("all-off"));
  }

  private static String verdict(Capacity capacity, double goal) {
    if (!capacity.measured()) {
      return NOT_MEASURED;
    }
    return capacity.met() && capacity.value() >= goal ? "**met**" : "not met";
  }

  private void chartSection(StringBuilder md) {
    md.append("## Chart\n\n");
    if (mixSeries().stream().allMatch(series -> series.points().isEmpty())) {
      md.append(NOT_MEASURED_SECTION).append("\n\n");
      return;
    }
    md.append("![p99 latency against offered load, read mix, one line per configuration](")
        .append(CHART)
        .append(")\n\np99 latency (log scale) of the read mix against the offered rate, one line")
        .append(" per configuration; the dashed line is the SLO.\n\n");
  }

  private void files(StringBuilder md) {
    md.append("## Files\n\nEvery measurement: [").append(CSV).append("](").append(CSV).append(").");
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

  // ---------------------------------------------------------------- the chart and the CSV

  private String chart() {
    return LatencyChart.svg(
        "Read mix: p99 latency against offered load", mixSeries(), meta.sloP99Ms());
  }

  private List<LatencyChart.Series> mixSeries() {
    List<LatencyChart.Series> series = new ArrayList<>();
    for (String config : configOrder()) {
      List<double[]> points =
          gatling(config, MIX).stream()
              .filter(row -> Double.isFinite(row.offered()) && Double.isFinite(row.p99Ms()))
              .map(row -> new double[] {row.offered(), row.p99Ms()})
              .toList();
      if (!points.isEmpty()) {
        series.add(new LatencyChart.Series(config, points));
      }
    }
    return series;
  }

  static String csv(Measurement.Table table) {
    StringBuilder csv = new StringBuilder();
    csvLine(csv, table.header());
    table.cells().forEach(cells -> csvLine(csv, cells));
    return csv.toString();
  }

  private static void csvLine(StringBuilder csv, List<String> cells) {
    csv.append(cells.stream().map(ReportWriter::csvCell).collect(Collectors.joining(",")))
        .append('\n');
  }

  private static String csvCell(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }

  // ---------------------------------------------------------------- selecting rows

  /**
   * The throughput at the SLO of one configuration on one endpoint, from its Gatling steps.
   *
   * @param measured whether there is any step
   * @param step the step with the highest offered rate that met the SLO, or null
   * @param lowestOffered the lowest offered rate among the steps (NaN without steps)
   */
  private record Capacity(boolean measured, Measurement step, double lowestOffered) {
    boolean met() {
      return step != null;
    }

    double value() {
      return step.rate();
    }
  }

  /** A baseline-over-configuration ratio; a lower bound when the configuration met no step. */
  private record Ratio(double value, boolean lowerBound) {}

  private Capacity capacity(String config, String endpoint) {
    List<Measurement> steps = gatling(config, endpoint);
    Measurement best =
        steps.stream()
            .filter(step -> step.meets(meta.sloP99Ms(), meta.maxErrorRate()))
            .max(
                Comparator.comparingDouble(Measurement::offered)
                    .thenComparingDouble(Measurement::rate))
            .orElse(null);
    double lowest =
        steps.stream()
            .mapToDouble(Measurement::offered)
            .filter(Double::isFinite)
            .min()
            .orElse(Double.NaN);
    return new Capacity(!steps.isEmpty(), best, lowest);
  }

  private static Ratio ratio(Capacity baseline, Capacity config) {
    if (!baseline.met() || !config.measured()) {
      return null;
    }
    if (config.met()) {
      return config.value() > 0 ? new Ratio(baseline.value() / config.value(), false) : null;
    }
    return config.lowestOffered() > 0
        ? new Ratio(baseline.value() / config.lowestOffered(), true)
        : null;
  }

  private static Ratio peakRatio(Measurement baseline, Measurement config) {
    if (baseline == null || config == null || !(config.rps() > 0) || Double.isNaN(baseline.rps())) {
      return null;
    }
    return new Ratio(baseline.rps() / config.rps(), false);
  }

  /** A configuration's Gatling steps on an endpoint, by offered rate. */
  private List<Measurement> gatling(String config, String endpoint) {
    return rows.stream()
        .filter(row -> row.tool().equals(Measurement.GATLING))
        .filter(row -> row.config().equals(config) && row.endpoint().equals(endpoint))
        .sorted(Comparator.comparingDouble(Measurement::offered))
        .toList();
  }

  /** The fastest closed-loop run of a tool (any configuration when {@code config} is null). */
  private Measurement peak(String tool, String config, String endpoint) {
    return rows.stream()
        .filter(row -> row.tool().equals(tool) && row.endpoint().equals(endpoint))
        .filter(row -> config == null || row.config().equals(config))
        .max(Comparator.comparingDouble(row -> Double.isNaN(row.rps()) ? -1 : row.rps()))
        .orElse(null);
  }

  /** Endpoints that have rows matching {@code filter}: known ones in order, then the others. */
  private List<String> endpoints(Predicate<Measurement> filter) {
    SequencedSet<String> present = new LinkedHashSet<>();
    rows.stream().filter(filter).map(Measurement::endpoint).forEach(present::add);
    List<String> ordered = new ArrayList<>();
    for (Map.Entry<String, String> known : ENDPOINTS) {
      if (present.remove(known.getKey())) {
        ordered.add(known.getKey());
      }
    }
    ordered.addAll(present);
    return ordered;
  }

  /** Configurations in the metadata's order, then any others the rows name (not the ceiling). */
  private List<String> configOrder() {
    SequencedSet<String> configs = new LinkedHashSet<>();
    meta.configs().forEach(config -> configs.add(config.name()));
    rows.stream()
        .filter(row -> !row.tool().equals(Measurement.NGINX))
        .map(Measurement::config)
        .filter(config -> !config.equals(CEILING))
        .forEach(configs::add);
    return List.copyOf(configs);
  }

  private static String description(String endpoint) {
    return ENDPOINTS.stream()
        .filter(known -> known.getKey().equals(endpoint))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  // ---------------------------------------------------------------- formatting

  private static String capacityText(Capacity capacity, boolean withOffered) {
    if (!capacity.measured()) {
      return NOT_MEASURED;
    }
    if (!capacity.met()) {
      return "none: every step missed the SLO (lowest offered "
          + rate(capacity.lowestOffered())
          + " req/s)";
    }
    String text = (withOffered ? "**" : "") + rate(capacity.value()) + " req/s";
    if (withOffered) {
      text += "** (offered " + rate(capacity.step().offered()) + " req/s)";
    }
    return text;
  }

  private static String gain(Ratio ratio) {
    if (ratio == null) {
      return NONE;
    }
    double percent = (ratio.value() - 1) * 100;
    return (ratio.lowerBound() ? "> " : "") + String.format(Locale.ROOT, "%+,.0f%%", percent);
  }

  /** A rate: whole numbers with thousands separators from 100 up, else up to two decimals. */
  static String rate(double value) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return plain(value);
  }

  /** Milliseconds: two decimals below 10, one below 100, whole numbers above. */
  static String ms(double value) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    if (value < 10) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (value < 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** An error rate (0..1) in percent with two decimals. */
  static String errorPercent(double rate) {
    return Double.isNaN(rate) ? NONE : String.format(Locale.ROOT, "%.2f%%", rate * 100);
  }

  private static String share(double fraction) {
    double percent = fraction * 100;
    return String.format(Locale.ROOT, percent < 1 ? "%.1f%%" : "%.0f%%", percent);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, ratio < 10 ? "%.1f×" : "%,.0f×", ratio);
  }

  /** A number with at most two decimals and no trailing zeros, e.g. 50, 0.1, 12.5. */
  static String plain(double value) {
    String text = String.format(Locale.ROOT, "%,.2f", value);
    return text.contains(".") ? text.replaceAll("\\.?0+$", "") : text;
  }

  private static String recorded(String value) {
    return value == null ? "not recorded" : value;
  }

  private static void tableRow(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ')
          .append(Objects.requireNonNullElse(cell, NONE).replace("|", "\\|"))
          .append(" |");
    }
    md.append('\n');
  }
}
