package dev.mach.bench.report;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of one {@code wrk --latency} run, read from the text wrk 4.x prints.
 *
 * <p>wrk counts a request when its answer is complete, whatever the status, so {@code requests}
 * includes the {@code non2xx} answers; socket errors (refused connections, resets, timeouts) are
 * not answers and are not in {@code requests}. Latencies are those of the completed requests.
 *
 * @param requests completed requests ({@code N requests in ...})
 * @param seconds how long the run lasted, as wrk measured it
 * @param requestsPerSecond wrk's {@code Requests/sec}
 * @param p50Ms median latency in milliseconds, from the latency distribution
 * @param p75Ms 75th percentile in milliseconds
 * @param p90Ms 90th percentile in milliseconds
 * @param p99Ms 99th percentile in milliseconds
 * @param non2xx answers with a status outside 2xx and 3xx (0 when wrk printed no such line)
 * @param socketErrors connect, read, write and timeout errors added up (0 when wrk printed none)
 */
public record WrkResult(
    long requests,
    double seconds,
    double requestsPerSecond,
    double p50Ms,
    double p75Ms,
    double p90Ms,
    double p99Ms,
    long non2xx,
    long socketErrors) {

  private static final String UNIT = "(us|ms|s|m|h)";
  private static final Pattern TOTAL =
      Pattern.compile("^\\s*(\\d+) requests in ([0-9.]+)" + UNIT + ",", Pattern.MULTILINE);
  private static final Pattern RATE =
      Pattern.compile("^Requests/sec:\\s*([0-9.]+)\\s*$", Pattern.MULTILINE);
  private static final Pattern DISTRIBUTION =
      Pattern.compile("^\\s*Latency Distribution\\s*$", Pattern.MULTILINE);
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*([0-9.]+)%\\s+([0-9.]+)" + UNIT + "\\s*$");
  private static final Pattern NON_2XX =
      Pattern.compile("^\\s*Non-2xx or 3xx responses:\\s*(\\d+)\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile(
          "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$",
          Pattern.MULTILINE);

  /**
   * Reads what {@code wrk --latency} printed.
   *
   * @throws IllegalArgumentException if the text lacks the request total, the rate or the latency
   *     distribution (wrk run without {@code --latency})
   */
  public static WrkResult parse(String wrkOutput) {
    String text = wrkOutput.replace("\r\n", "\n");
    Matcher total = find(TOTAL, text, "the 'N requests in T' line");
    Matcher rate = find(RATE, text, "the 'Requests/sec:' line");
    Map<String, Double> percentiles = distribution(text);
    Matcher non2xx = NON_2XX.matcher(text);
    Matcher socket = SOCKET_ERRORS.matcher(text);
    long socketErrors = 0;
    if (socket.find()) {
      for (int group = 1; group <= 4; group++) {
        socketErrors += Long.parseLong(socket.group(group));
      }
    }
    return new WrkResult(
        Long.parseLong(total.group(1)),
        toMillis(total.group(2), total.group(3)) / 1000,
        Double.parseDouble(rate.group(1)),
        percentile(percentiles, "50"),
        percentile(percentiles, "75"),
        percentile(percentiles, "90"),
        percentile(percentiles, "99"),
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
        socketErrors);
  }

  /** The lines after "Latency Distribution": percentile (as printed, e.g. "50") to milliseconds. */
  private static Map<String, Double> distribution(String text) {
    Matcher header = find(DISTRIBUTION, text, "a 'Latency Distribution' (run wrk with --latency)");
    Map<String, Double> percentiles = new HashMap<>();
    for (String line : text.substring(header.end()).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher percentile = PERCENTILE.matcher(line);
      if (!percentile.matches()) {
        break;
      }
      String rank = percentile.group(1).replaceFirst("\\.0+$", "");
      percentiles.put(rank, toMillis(percentile.group(2), percentile.group(3)));
    }
    return percentiles;
  }

  private static double percentile(Map<String, Double> percentiles, String rank) {
    Double value = percentiles.get(rank);
    if (value == null) {
      throw new IllegalArgumentException(
          "no " + rank + "% line in wrk's latency distribution; it has " + percentiles.keySet());
    }
    return value;
  }

  /** A wrk duration in milliseconds; wrk prints us, ms and s, then m and h past a minute. */
  static double toMillis(String number, String unit) {
    double value = Double.parseDouble(number);
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      case "s" -> value * 1000;
      case "m" -> value * 60_000;
      case "h" -> value * 3_600_000;
      default -> throw new IllegalArgumentException("unknown wrk time unit: " + unit);
    };
  }

  private static Matcher find(Pattern pattern, String text, String what) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalArgumentException("not wrk --latency output: no " + what);
    }
    return matcher;
  }
}
