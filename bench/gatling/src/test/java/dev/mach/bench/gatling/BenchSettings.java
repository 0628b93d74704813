package dev.mach.bench.gatling;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The simulation's knobs, all read from system properties ({@code -Dbench.*}), with defaults that
 * fit the small dataset.
 *
 * @param baseUrl the Conduit server, scheme and authority (any path is dropped: the API is under
 *     {@code /api})
 * @param mix {@code read} for the realistic mix, or one operation's name for a per-endpoint run
 * @param rate new virtual users per second; each does one operation (one request, two for the
 *     toggles and register+login)
 * @param durationSeconds how long the constant rate is held
 * @param users dataset size: users {@code user1..userN}
 * @param articles dataset size: articles {@code article-1..article-A}, higher is newer
 * @param tags dataset size: tags {@code tag1..tagT}, tag1 the most used
 * @param loginPool how many dataset users are logged in before the load starts
 * @param loggedInShare share of readers that send a token (the feed and writes always do)
 * @param hotShare share of key picks drawn from the hot keys
 * @param hotFraction share of each key space that is hot (at least one key)
 * @param gzip whether to send {@code Accept-Encoding: gzip, deflate} as browsers do
 * @param clientWarmUpSeconds how long the same mix is first sent silently (not measured), so that
 *     Gatling's own JVM is warm when the measured load starts
 * @param clientWarmUpRate the rate of that warm-up, at most {@code rate}
 * @param readers the dataset users every logged-in virtual user is one of ({@code bench.readers},
 *     ids separated by commas), instead of a pool spread over all users: the feed benchmark's
 *     readers, who follow a set number of authors
 */
record BenchSettings(
    String baseUrl,
    String mix,
    double rate,
    int durationSeconds,
    int users,
    int articles,
    int tags,
    int loginPool,
    double loggedInShare,
    double hotShare,
    double hotFraction,
    boolean gzip,
    int clientWarmUpSeconds,
    double clientWarmUpRate,
    List<Integer> readers) {

  static BenchSettings fromSystemProperties() {
    URI base = URI.create(string("bench.baseUrl", "http://127.0.0.1:8080"));
    BenchSettings settings =
        new BenchSettings(
            base.getScheme() + "://" + base.getRawAuthority(),
            string("bench.mix", "read").toLowerCase(Locale.ROOT),
            number("bench.rate", 50),
            (int) number("bench.duration", 30),
            (int) number("bench.users", 1000),
            (int) number("bench.articles", 10000),
            (int) number("bench.tags", 100),
            (int) number("bench.loginPool", 200),
            number("bench.loggedInShare", 0.5),
            number("bench.hotShare", 0.8),
            number("bench.hotFraction", 0.01),
            Boolean.parseBoolean(string("bench.gzip", "true")),
            (int) number("bench.clientWarmUp", 5),
            number("bench.clientWarmUpRate", 20),
            ids("bench.readers"));
    settings.validate();
    return settings;
  }

  private void validate() {
    require(rate > 0, "bench.rate must be positive");
    require(durationSeconds > 0, "bench.duration must be positive");
    require(clientWarmUpSeconds >= 1, "bench.clientWarmUp must be at least 1 second");
    require(clientWarmUpRate > 0, "bench.clientWarmUpRate must be positive");
    require(users >= 2, "bench.users must be at least 2");
    require(articles >= 1, "bench.articles must be at least 1");
    require(tags >= 1, "bench.tags must be at least 1");
    require(loginPool >= 1, "bench.loginPool must be at least 1");
    require(readers.stream().allMatch(id -> id >= 1 && id <= users), "bench.readers out of range");
    require(loggedInShare >= 0 && loggedInShare <= 1, "bench.loggedInShare must be in [0, 1]");
    require(hotShare >= 0 && hotShare <= 1, "bench.hotShare must be in [0, 1]");
    require(hotFraction > 0 && hotFraction <= 1, "bench.hotFraction must be in (0, 1]");
  }

  private static List<Integer> ids(String name) {
    String value = string(name, "");
    if (value.isEmpty()) {
      return List.of();
    }
    try {
      return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be user ids separated by commas: " + value);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String string(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static double number(String name, double fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }
}
