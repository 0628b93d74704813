package dev.mach.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The numbers of a finished Gatling run, read from its report.
 *
 * <p>Gatling 3.15 writes no JSON statistics: the figures live in the statistics table of the
 * report's {@code index.html} (one row for all requests, one per request name, numbers formatted
 * {@code ###.##} in English) and in its errors table. This reads both.
 *
 * @param runDirectory the run's folder (the one holding {@code index.html})
 * @param global the whole run
 * @param requests per request name, in the report's order
 * @param errors each distinct error message with how often it occurred, in the report's order
 */
public record GatlingStats(
    Path runDirectory,
    RequestStats global,
    SequencedMap<String, RequestStats> requests,
    SequencedMap<String, Long> errors) {

  /** The report file inside a run folder. */
  public static final String REPORT = "index.html";

  private static final Pattern RUN_FOLDER_TIMESTAMP = Pattern.compile("-(\\d{17})$");
  private static final Pattern HEAD =
      Pattern.compile(
          "<table id=\"container_statistics_head\".*?<thead>(.*?)</thead>", Pattern.DOTALL);
  private static final Pattern HEADER_CELL =
      Pattern.compile("<th id=\"col-(\\d+)\"[^>]*>(.*?)</th>", Pattern.DOTALL);
  private static final Pattern ROW =
      Pattern.compile("<tr id=\"([^\"]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern ROW_NAME =
      Pattern.compile("class=\"ellipsed-name\">(.*?)</span>", Pattern.DOTALL);
  private static final Pattern VALUE_CELL =
      Pattern.compile("<td class=\"value [^\"]*\\bcol-(\\d+)\">(.*?)</td>", Pattern.DOTALL);
  private static final Pattern PERCENTILE_LABEL = Pattern.compile("([0-9.]+)\\s*\\w*\\s+pct");
  private static final Pattern ERRORS =
      Pattern.compile("<table id=\"container_errors\".*?<tbody>(.*?)</tbody>", Pattern.DOTALL);
  private static final Pattern ERROR_ROW =
      Pattern.compile(
          "<td class=\"error-col-1[^\"]*\">(.*?)(?:<span[^>]*>.*?</span>)?</td>\\s*"
              + "<td class=\"value error-col-2[^\"]*\">(.*?)</td>",
          Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[xX]?[0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Map<String, String> NAMED_ENTITIES =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

  private static final String GLOBAL_ROW = "ROOT";
  private static final String REQUEST_ROW_PREFIX = "req_";

  public GatlingStats {
    requests = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(requests));
    errors = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(errors));
  }

  /**
   * Reads a run. {@code folder} is either a run folder (holding {@code index.html}) or a results
   * folder holding run folders, in which case the newest run is read (see {@link #latestRun}).
   */
  public static GatlingStats read(Path folder) throws IOException {
    Path run = Files.isRegularFile(folder.resolve(REPORT)) ? folder : latestRun(folder);
    return parse(run, Files.readString(run.resolve(REPORT)));
  }

  /**
   * The newest run folder with a report inside a results folder: Gatling names run folders {@code
   * <simulation>-<yyyyMMddHHmmssSSS>}, so the latest timestamp wins; folders without one come last,
   * by modification time.
   */
  public static Path latestRun(Path resultsFolder) throws IOException {
    try (Stream<Path> children = Files.list(resultsFolder)) {
      return children
          .filter(child -> Files.isRegularFile(child.resolve(REPORT)))
          .max(
              Comparator.comparing(GatlingStats::runTimestamp)
                  .thenComparing(GatlingStats::modified))
          .orElseThrow(
              () ->
                  new NoSuchElementException(
                      "no Gatling run with a " + REPORT + " in " + resultsFolder));
    }
  }

  /** Parses a report's HTML. */
  public static GatlingStats parse(Path runDirectory, String html) {
    Map<Integer, String> columns = columns(html);
    RequestStats global = null;
    SequencedMap<String, RequestStats> requests = new LinkedHashMap<>();
    Matcher row = ROW.matcher(html);
    while (row.find()) {
      String id = row.group(1);
      boolean isGlobal = id.equals(GLOBAL_ROW);
      if (!isGlobal && !id.startsWith(REQUEST_ROW_PREFIX)) {
        continue; // a group's row
      }
      RequestStats stats = row(row.group(2), columns);
      if (isGlobal) {
        global = stats;
      } else {
        requests.putIfAbsent(stats.name(), stats);
      }
    }
    if (global == null) {
      throw new IllegalArgumentException(
          "not a Gatling report (no All Requests row): " + runDirectory.resolve(REPORT));
    }
    return new GatlingStats(runDirectory, global, requests, errors(html));
  }

  /** The named request's statistics. */
  public RequestStats request(String name) {
    RequestStats stats = requests.get(name);
    if (stats == null) {
      throw new NoSuchElementException(
          "no request named " + name + " in this run; it has " + requests.keySet());
    }
    return stats;
  }

  /** The named request's statistics, if the run sent any. */
  public Optional<RequestStats> findRequest(String name) {
    return Optional.ofNullable(requests.get(name));
  }

  /** Column number to header label, e.g. 2 to "Total" and 8 to "50th pct". */
  private static Map<Integer, String> columns(String html) {
    Matcher head = HEAD.matcher(html);
    if (!head.find()) {
      throw new IllegalArgumentException("not a Gatling report: no statistics table header");
    }
    Map<Integer, String> columns = new HashMap<>();
    Matcher cell = HEADER_CELL.matcher(head.group(1));
    while (cell.find()) {
      columns.put(Integer.parseInt(cell.group(1)), text(cell.group(2)));
    }
    return columns;
  }

  private static RequestStats row(String cells, Map<Integer, String> columns) {
    Matcher nameMatch = ROW_NAME.matcher(cells);
    if (!nameMatch.find()) {
      throw new IllegalArgumentException("a statistics row without a name: " + cells);
    }
    String name = text(nameMatch.group(1));
    Map<String, String> byLabel = new HashMap<>();
    TreeMap<Double, Double> percentiles = new TreeMap<>();
    Matcher cell = VALUE_CELL.matcher(cells);
    while (cell.find()) {
      String label = columns.get(Integer.parseInt(cell.group(1)));
      if (label == null) {
        continue;
      }
      String value = text(cell.group(2));
      Matcher percentile = PERCENTILE_LABEL.matcher(label);
      if (percentile.matches()) {
        percentiles.put(Double.parseDouble(percentile.group(1)), number(value));
      } else {
        byLabel.put(label, value);
      }
    }
    return new RequestStats(
        name,
        count(byLabel, "Total", name),
        count(byLabel, "OK", name),
        count(byLabel, "KO", name),
        statistic(byLabel, "Cnt/s", name),
        statistic(byLabel, "Min", name),
        percentiles,
        statistic(byLabel, "Max", name),
        statistic(byLabel, "Mean", name),
        statistic(byLabel, "Std Dev", name));
  }

  private static long count(Map<String, String> byLabel, String label, String row) {
    double value = statistic(byLabel, label, row);
    return Double.isNaN(value) ? 0 : Math.round(value);
  }

  private static double statistic(Map<String, String> byLabel, String label, String row) {
    String value = byLabel.get(label);
    if (value == null) {
      throw new IllegalArgumentException(
          "no " + label + " column for " + row + "; columns are " + byLabel.keySet());
    }
    return number(value);
  }

  /** A number as Gatling prints it ({@code ###.##}, English), {@code -} meaning none. */
  private static double number(String value) {
    String plain = value.replace(",", "").replace("%", "").trim();
    if (plain.isEmpty() || plain.equals("-")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(plain);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number in the report: " + value, e);
    }
  }

  private static SequencedMap<String, Long> errors(String html) {
    SequencedMap<String, Long> errors = new LinkedHashMap<>();
    Matcher table = ERRORS.matcher(html);
    if (table.find()) {
      Matcher row = ERROR_ROW.matcher(table.group(1));
      while (row.find()) {
        errors.merge(text(row.group(1)), Math.round(number(text(row.group(2)))), Long::sum);
      }
    }
    return errors;
  }

  /** The text of an HTML fragment: tags dropped, entities decoded, whitespace trimmed. */
  private static String text(String fragment) {
    String withoutTags = TAG.matcher(fragment).replaceAll("");
    Matcher entity = ENTITY.matcher(withoutTags);
    StringBuilder decoded = new StringBuilder();
    while (entity.find()) {
      entity.appendReplacement(decoded, Matcher.quoteReplacement(decode(entity.group(1))));
    }
    entity.appendTail(decoded);
    return decoded.toString().strip();
  }

  private static String decode(String entity) {
    if (entity.startsWith("#")) {
      boolean hex = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X');
      int codePoint = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.toString(codePoint);
    }
    return NAMED_ENTITIES.getOrDefault(entity, "&" + entity + ";");
  }

  private static String runTimestamp(Path run) {
    Matcher timestamp = RUN_FOLDER_TIMESTAMP.matcher(run.getFileName().toString());
    return timestamp.find() ? timestamp.group(1) : "";
  }

  private static long modified(Path run) {
    try {
      return Files.getLastModifiedTime(run.resolve(REPORT)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
